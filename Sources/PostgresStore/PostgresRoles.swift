import Decisions

/// The server's names for Cabinet Desk's roles. PostgreSQL roles belong to the whole cluster,
/// not to one database, so each register's roles share a prefix (`cabinet` by default:
/// `cabinet_officer`); two registers in one cluster with the same prefix share their people.
public struct PostgresRoles: Sendable, Equatable {
    /// Lower-case letters, digits and underscores, starting with a letter: it is spliced
    /// into SQL as part of identifiers, so nothing else is accepted.
    public let prefix: String

    public init(prefix: String = "cabinet") throws {
        guard let first = prefix.first, first.isASCII, first.isLetter, prefix.count <= 40,
              prefix.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw PostgresStoreError.invalidRolePrefix(prefix)
        }
        self.prefix = prefix
    }

    /// The NOLOGIN role that owns every table, view and function of the register. Nobody logs
    /// in as it: only what it owns may rewrite the audit trail.
    public var owner: String { prefix + "_owner" }

    /// The NOLOGIN group role for one of Cabinet Desk's roles, e.g. `cabinet_decision_maker`.
    public func group(_ role: Role) -> String { prefix + "_" + role.rawValue }

    public var allGroups: [String] { Role.allCases.map(group) }

    /// Roles that may read every exempt decision in full (see `Actor.mayReadAllExempt`).
    public var fullReaders: [String] { [Role.admin, .officer, .scrutinyChair].map(group) }

    /// Roles that see exempt decisions' public fields only, unless (decision makers) the
    /// decision is theirs: they read confidential text through the `*_visible` views.
    public var restrictedReaders: [String] { [Role.decisionMaker, .member, .viewer].map(group) }

    /// `'a', 'b'` for an SQL list.
    func literals(_ names: [String]) -> String { names.map { "'\($0)'" }.joined(separator: ", ") }
    func identifiers(_ names: [String]) -> String { names.joined(separator: ", ") }
}
