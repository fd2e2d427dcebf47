import Foundation
import Decisions
import DecisionStore

/// The one guarded door to the register. Every read and every write of the `cabinet`
/// commands and the dashboard passes through a Desk, which settles once:
/// - who is asking (the operating-system login, never an environment variable),
/// - what they may do (the rule book's permissions, checked before anything is read or written),
/// - what they may read (exempt information withheld by the policy in ExemptInformation.swift),
/// - which day it is (acts are dated by the system clock; the viewing date only changes what is
///   shown and previewed),
/// and reads the council's rules once per act, from the store.
public final class Desk: Sendable {
    /// The person asking, with their recorded role.
    public let actor: Actor
    /// The day the register is looked at: `--today` for previews and what-if views.
    public let viewingDate: CivilDate
    /// The day acts are recorded under: always the system clock's.
    public let actDate: CivilDate
    public let calendar: WorkingCalendar
    let store: DecisionStore

    /// Where the register is.
    public var location: String { store.path }

    /// Opens the Desk for the person running this process. The login comes from the
    /// operating system; `viewingDate` (from --today) never changes the date an act is recorded under.
    public convenience init(store: DecisionStore, viewingDate: CivilDate? = nil, calendar: WorkingCalendar) throws {
        try self.init(store: store, login: OperatingSystemLogin.current(), viewingDate: viewingDate, clock: SystemClock(),
                      calendar: calendar)
    }

    /// A Desk for a given login and clock: for in-process tests and benchmarks that act as each
    /// role. The `cabinet` executable always uses the operating-system login and clock.
    public init(store: DecisionStore, login: String, viewingDate: CivilDate? = nil, clock: any DeskClock,
                calendar: WorkingCalendar) throws {
        self.store = store
        self.calendar = calendar
        actDate = clock.today()
        self.viewingDate = viewingDate ?? actDate
        actor = try store.actor(login: login)
    }

    // MARK: Permissions

    /// Refuses unless the actor holds `permission`; nothing has been read or written yet.
    public func require(_ permission: RuleID, to what: String) throws {
        // A store this login may only read refuses every write up front, whatever the role.
        if store.isReadOnly { throw StoreError.readOnly(path: store.path) }
        guard permission.permits(actor.role) else {
            ActLog.refused(actor, what, rule: permission)
            throw DeskRefusal(permission, actor: actor, doing: what)
        }
    }
}

/// Where "today" comes from for acts.
public protocol DeskClock: Sendable {
    func today() -> CivilDate
}

/// The system clock in the process's time zone.
public struct SystemClock: DeskClock {
    public init() {}
    public func today() -> CivilDate { .systemToday() }
}

/// A fixed day, for tests that act in-process.
public struct FixedClock: DeskClock {
    public var day: CivilDate
    public init(_ day: CivilDate) { self.day = day }
    public func today() -> CivilDate { day }
}

/// The operating-system login running the process: the person the audit trail names.
public enum OperatingSystemLogin {
    public static func current() -> String {
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        // A uid with no passwd entry (a container) is named by its number, never by $USER.
        return "uid\(getuid())"
    }
}

/// A refusal for want of a permission: names the rule, the roles that hold it, and the actor.
public struct DeskRefusal: Error, CustomStringConvertible, Sendable, Equatable {
    public var rule: RuleID
    public var message: String

    public init(_ rule: RuleID, message: String) { self.rule = rule; self.message = message }

    init(_ permission: RuleID, actor: Actor, doing what: String) {
        let roles = permission.entry.roles ?? []
        let names = roles.map(\.rawValue)
        let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names.first ?? "none"
        rule = permission
        message = "\(what) needs the role \(list); \(actor.login) is \(actor.role.rawValue)"
    }

    public var description: String {
        "refused: \(message)\n  rule \(rule.id): \(rule.entry.summary) (\(rule.entry.citation))\n  nothing was changed"
    }
}
