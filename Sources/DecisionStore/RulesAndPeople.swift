import Foundation
import GRDB
import Decisions

extension DecisionStore {
    /// The stored rules, checked as they are read: a value out of limits (edited into the
    /// file by other means) is refused, naming it, rather than handed to the deadline engine.
    func loadRules(_ db: Database, toRepair: Bool = false) throws -> CouncilRules {
        guard let text = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'rules'") else { return CouncilRules() }
        let decoder = JSONDecoder()
        decoder.userInfo[CouncilRules.readingToRepair] = toRepair
        do {
            return try decoder.decode(CouncilRules.self, from: Data(text.utf8))
        } catch DecodingError.dataCorrupted(let context) {
            throw StoreError.invalidSetting(key: "rules", reason: "the council rules stored in \(path) are not valid (\(context.debugDescription)); "
                + "an officer can put them right with `cabinet rules set KEY VALUE` (`cabinet rules show` lists them)")
        } catch {
            throw StoreError.invalidSetting(key: "rules", reason: "the council rules stored in \(path) cannot be read (\(error)); "
                + "an officer can put them right with `cabinet rules set KEY VALUE`")
        }
    }

    /// The council's rules (defaults until someone sets them).
    public func rules() throws -> CouncilRules {
        try pool.read { db in try loadRules(db) }
    }

    /// Changes rules (one key or a whole file's worth) as one audited change, and brings
    /// every stored next deadline up to date with them.
    public func updateRules(by actor: Actor, _ change: (inout CouncilRules) throws -> Void) throws -> CouncilRules {
        guard actor.role == .admin || actor.role == .officer else {
            throw StoreError.notPermitted("changing the council's rules needs the admin or officer role; \(actor.login) is \(actor.role.label)")
        }
        return try write { db in
            let before = try loadRules(db, toRepair: true)
            var after = before
            try change(&after)
            guard after != before else { return after }
            if let problem = after.problems().first {
                throw StoreError.invalidSetting(key: problem.key, reason: problem.message + "; nothing was changed")
            }
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('rules', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [DecisionColumns.json(after)])
            let changes = CouncilRules.keys.compactMap { key -> FieldChange? in
                let old = before.value(of: key.name), new = after.value(of: key.name)
                return old == new ? nil : FieldChange(field: key.name, before: old, after: new)
            }
            try Self.appendAudit(db, decisionID: nil, login: actor.login, action: "rules-set", stageBefore: nil, stageAfter: nil,
                                 reason: nil, changes: changes)
            try recomputeNextDeadlines(db, rules: after)
            return after
        }
    }

    func recomputeNextDeadlines(_ db: Database, rules: CouncilRules) throws {
        let update = try db.makeStatement(sql: "UPDATE decision SET next_deadline = ? WHERE id = ?")
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(DecisionColumns.summary) FROM decision")
        while let row = try cursor.next() {
            let decision = DecisionColumns.decision(from: row)
            try update.execute(arguments: [nextDeadline(for: decision, rules: rules)?.iso ?? noDeadline, decision.id])
        }
    }

    /// Runs `body` in a write transaction, translating SQLite errors into store errors.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try requireUndamaged()
        do {
            return try pool.write(body)
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
    }

    // MARK: People

    /// The person behind a login: their recorded role, or a viewer when not recorded.
    public func actor(login: String) throws -> Actor {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM person WHERE login = ?", arguments: [login]) else {
                return Actor(login: login, role: .viewer)
            }
            return Actor(login: login, role: Role(rawValue: row["role"]) ?? .viewer,
                         makers: DecisionColumns.decodeJSON([String].self, row["makers"], default: []))
        }
    }

    public func people() throws -> [Actor] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM person ORDER BY login").map { row in
                Actor(login: row["login"], role: Role(rawValue: row["role"]) ?? .viewer,
                      makers: DecisionColumns.decodeJSON([String].self, row["makers"], default: []))
            }
        }
    }

    /// The login that creates a store is its first administrator, on the audit trail like
    /// every later change of role, so the person table is covered from the start.
    static func recordFirstAdministrator(_ db: Database, login: String) throws {
        guard try Int.fetchOne(db, sql: "SELECT count(*) FROM person") == 0 else { return }
        try db.execute(sql: "INSERT INTO person (login, role, makers) VALUES (?, 'admin', '[]')", arguments: [login])
        try appendAudit(db, decisionID: nil, login: login, action: "user-set", stageBefore: nil, stageAfter: nil,
                        reason: "created the store", changes: [
                            FieldChange(field: "login", before: nil, after: login),
                            FieldChange(field: "role", before: nil, after: Role.admin.rawValue),
                            FieldChange(field: "makers", before: nil, after: "[]"),
                        ])
    }

    /// Records (or changes) a person's role. Only an admin may.
    public func setPerson(_ person: Actor, by actor: Actor) throws {
        guard actor.role == .admin else {
            throw StoreError.notPermitted("adding people needs the admin role; \(actor.login) is \(actor.role.label)")
        }
        if person.role == .decisionMaker && person.makers.isEmpty {
            throw StoreError.notPermitted("a decision maker needs --maker NAME: the maker names they decide for")
        }
        try write { db in
            let before = try Row.fetchOne(db, sql: "SELECT role, makers FROM person WHERE login = ?", arguments: [person.login])
            try db.execute(sql: """
                INSERT INTO person (login, role, makers) VALUES (?, ?, ?)
                ON CONFLICT(login) DO UPDATE SET role = excluded.role, makers = excluded.makers
                """, arguments: [person.login, person.role.rawValue, DecisionColumns.json(person.makers)])
            try Self.appendAudit(db, decisionID: nil, login: actor.login, action: "user-set", stageBefore: nil, stageAfter: nil,
                                 reason: nil, changes: [
                                    FieldChange(field: "login", before: nil, after: person.login),
                                    FieldChange(field: "role", before: before?["role"], after: person.role.rawValue),
                                    FieldChange(field: "makers", before: before?["makers"], after: DecisionColumns.json(person.makers)),
                                 ])
        }
    }
}
