import Foundation
import PostgresClient
import PostgresStore
import Decisions
import Testing

/// The server the tests run against: a libpq URL of a superuser in CABINET_TEST_POSTGRES
/// (`.ci/postgres start` makes a private one and writes it).
enum TestServer {
    static let url: String? = {
        guard let url = ProcessInfo.processInfo.environment["CABINET_TEST_POSTGRES"], !url.isEmpty else { return nil }
        return url
    }()

    static var isConfigured: Bool { url != nil }

    static let disabledReason: Comment =
        "CABINET_TEST_POSTGRES is not set: run `.ci/postgres start` and source the file it names (CI always does)"

    static func info() throws -> PostgresConnectionInfo { try PostgresConnectionInfo(parsing: url!) }

    static func uniqueName(_ prefix: String) -> String {
        prefix + "_" + UUID().uuidString.lowercased().replacing("-", with: "").prefix(12)
    }
}

/// One test's own database and role prefix (roles belong to the whole cluster), installed
/// unless asked not to, and dropped with its roles when the test ends.
struct TestRegister {
    let database: String
    let roles: PostgresRoles
    let info: PostgresConnectionInfo
    /// Logins made by `login(_:)`, dropped at the end.
    private let logins = LoginList()

    var url: String { info.connectionString }

    func connectAsSuperuser() throws -> PostgresConnection { try PostgresConnection(info: info) }

    /// A new login in `role` (through register_add_login, as an administrator would add one),
    /// with a password of its own: what it connects with.
    func makeLogin(_ role: Role, makers: [String] = [], name: String? = nil) throws -> PostgresConnectionInfo {
        let login = name ?? TestServer.uniqueName(role.rawValue)
        let password = UUID().uuidString
        let superuser = try connectAsSuperuser()
        let makersJSON = "[" + makers.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        try superuser.execute("SELECT register_add_login($1, $2, $3, $4)", [.text(login), .text(role.rawValue), .text(password), .text(makersJSON)])
        logins.names.append(login)
        return info.replacing(["user": login, "password": password])
    }

    /// A new login in `role`, connected.
    func login(_ role: Role, makers: [String] = [], name: String? = nil) throws -> PostgresConnection {
        try PostgresConnection(info: try makeLogin(role, makers: makers, name: name))
    }

    fileprivate func dropEverything(_ server: PostgresConnection) {
        _ = try? server.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
        for name in logins.names + roles.allGroups + [roles.owner] {
            _ = try? server.execute("DROP ROLE IF EXISTS \(try PostgresConnection.quoteIdentifier(name))")
        }
    }
}

private final class LoginList: @unchecked Sendable {
    var names: [String] = []
}

func withTestRegister<T>(installed: Bool = true, _ body: (TestRegister) throws -> T) throws -> T {
    let database = TestServer.uniqueName("register")
    let server = try PostgresConnection(info: try TestServer.info())
    try server.execute("CREATE DATABASE \(database)")
    let register = TestRegister(database: database, roles: try PostgresRoles(prefix: TestServer.uniqueName("cd")),
                                info: try TestServer.info().replacing(["dbname": database]))
    defer { register.dropEverything(server) }
    if installed { _ = try PostgresInstaller.install(url: register.url, roles: register.roles) }
    return try body(register)
}

extension PostgresConnection {
    /// The error a statement fails with, or nil when it succeeds.
    func failure(_ sql: String, _ parameters: [PostgresValue] = []) -> PostgresError? {
        do { try execute(sql, parameters); return nil } catch let error as PostgresError { return error } catch {
            return PostgresError(kind: .usage, message: "\(error)")
        }
    }

    func strings(_ sql: String, _ parameters: [PostgresValue] = []) throws -> [String?] {
        try execute(sql, parameters).map { try $0.string(0) }
    }
}

/// A decision as an officer's client would write it: the columns the SQLite store writes.
struct DecisionRow {
    var title: String
    var maker = "Cabinet"
    var exempt = false
    var purpose: String?
    var decisionText: String?
    var resolutionsJSON = "[]"
    var reasons: String?
    var registerDate: String? = "2026-11-02"
    var stage = "published"
}

extension PostgresConnection {
    @discardableResult
    func insert(_ row: DecisionRow) throws -> Int64 {
        let inserted = try execute("""
            INSERT INTO decision (natural_key, title, decision_maker, maker_kind, status, stage, is_key, call_in, urgent, exempt,
                                  exempt_paragraphs, register_date, next_deadline, purpose, decision_text, resolutions, reasons)
            VALUES ($1, $2, $3, 'committee', 'Approved', $4, false, true, false, $5, $6, $7, '9999-12-31', $8, $9, $10, $11)
            RETURNING id
            """, [.text("key:" + UUID().uuidString), .text(row.title), .text(row.maker), .text(row.stage), .bool(row.exempt),
                  .text(row.exempt ? "[3]" : "[]"), .optional(row.registerDate), .optional(row.purpose), .optional(row.decisionText),
                  .text(row.resolutionsJSON), .optional(row.reasons)])
        return try #require(try inserted.single?.int64("id"))
    }
}
