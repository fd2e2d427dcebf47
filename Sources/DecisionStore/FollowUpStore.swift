import Foundation
import GRDB
import Decisions

/// Which actions to list.
public enum ActionSelection: Sendable { case all, open, overdue, proposed }

extension DecisionStore {
    static func recurrenceText(_ r: Recurrence?) -> String? {
        switch r {
        case .weeks(let n): "w:\(n)"
        case .months(let n): "m:\(n)"
        case nil: nil
        }
    }

    static func recurrence(_ text: String?) -> Recurrence? {
        guard let text, text.count > 2, let n = Int(text.dropFirst(2)) else { return nil }
        return text.hasPrefix("w:") ? .weeks(n) : .months(n)
    }

    static func action(_ row: Row) -> FollowUpAction {
        FollowUpAction(id: row["id"], text: row["text"], owner: row["owner"], due: CivilDate(iso: row["due"] as String)!,
                       recurrence: recurrence(row["recurrence"]), decisionID: row["decision_id"],
                       resolutionLabel: row["resolution_label"], isProposed: row["proposed"],
                       completedOn: (row["completed_on"] as String?).flatMap { CivilDate(iso: $0) })
    }

    static func insertAction(_ a: FollowUpAction, db: Database) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO action (text, owner, due, recurrence, decision_id, resolution_label, proposed, completed_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [a.text, a.owner, a.due.iso, recurrenceText(a.recurrence), a.decisionID, a.resolutionLabel,
                             a.isProposed, a.completedOn?.iso])
        return db.lastInsertedRowID
    }

    static func requireOfficer(_ actor: Actor, _ what: String) throws {
        guard actor.role == .admin || actor.role == .officer else {
            throw StoreError.notPermitted("\(what) needs the admin or officer role; \(actor.login) is \(actor.role.label)")
        }
    }

    /// Records a new action (officers), audited against its decision.
    @discardableResult
    public func addAction(_ action: FollowUpAction, by actor: Actor) throws -> Int64 {
        try Self.requireOfficer(actor, "adding an action")
        return try write { db in
            if let decisionID = action.decisionID,
               try Int.fetchOne(db, sql: "SELECT count(*) FROM decision WHERE id = ?", arguments: [decisionID]) == 0 {
                throw StoreError.notFound(id: decisionID)
            }
            let id = try Self.insertAction(action, db: db)
            try Self.appendAudit(db, decisionID: action.decisionID, login: actor.login, action: "action-add", stageBefore: nil,
                                 stageAfter: nil, reason: nil, changes: [
                                    FieldChange(field: "action", before: nil, after: "#\(id) \(action.text)"),
                                    FieldChange(field: "due", before: nil, after: action.due.iso),
                                 ])
            return id
        }
    }

    public func actions(_ selection: ActionSelection = .all, owner: String? = nil, today: CivilDate, limit: Int = 1000) throws -> [FollowUpAction] {
        var conditions: [String] = []
        var arguments: [DatabaseValue] = []
        switch selection {
        case .all: break
        case .open: conditions.append("completed_on IS NULL AND proposed = 0")
        case .overdue: conditions.append("completed_on IS NULL AND proposed = 0 AND due < ?"); arguments.append(today.iso.databaseValue)
        case .proposed: conditions.append("completed_on IS NULL AND proposed = 1")
        }
        if let owner, !owner.isEmpty {
            conditions.append("owner LIKE ? ESCAPE '\\'"); arguments.append(("%" + FilterSQL.escapeLike(owner) + "%").databaseValue)
        }
        let sql = "SELECT * FROM action" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + " ORDER BY completed_on IS NOT NULL, due, id LIMIT ?"
        return try pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments + [limit.databaseValue])).map(Self.action)
        }
    }

    /// Marks an action done; a recurring one rolls forward to its next occurrence.
    public func completeAction(id: Int64, on date: CivilDate, by actor: Actor) throws -> (done: FollowUpAction, next: FollowUpAction?) {
        try Self.requireOfficer(actor, "completing an action")
        return try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM action WHERE id = ?", arguments: [id]) else {
                throw StoreError.actionNotFound(id: id)
            }
            let current = Self.action(row)
            guard current.completedOn == nil else { throw StoreError.notPermitted("action #\(id) was already done on \(current.completedOn!.iso)") }
            var (done, next) = try current.completing(on: date)
            done.isProposed = false
            try db.execute(sql: "UPDATE action SET completed_on = ?, proposed = 0 WHERE id = ?", arguments: [date.iso, id])
            if var upcoming = next {
                upcoming.isProposed = false
                upcoming.id = try Self.insertAction(upcoming, db: db)
                next = upcoming
            }
            try Self.appendAudit(db, decisionID: current.decisionID, login: actor.login, action: "action-done", stageBefore: nil,
                                 stageAfter: nil, reason: nil, changes: [
                                    FieldChange(field: "action", before: "#\(id) due \(current.due.iso)", after: "done \(date.iso)"),
                                 ] + (next.map { [FieldChange(field: "next", before: nil, after: "#\($0.id!) due \($0.due.iso)")] } ?? []))
            return (done, next)
        }
    }

    /// An officer confirms an action the importer proposed.
    public func confirmAction(id: Int64, owner: String?, by actor: Actor) throws {
        try Self.requireOfficer(actor, "confirming an action")
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM action WHERE id = ?", arguments: [id]) else {
                throw StoreError.actionNotFound(id: id)
            }
            let current = Self.action(row)
            try db.execute(sql: "UPDATE action SET proposed = 0, owner = coalesce(?, owner) WHERE id = ?", arguments: [owner, id])
            try Self.appendAudit(db, decisionID: current.decisionID, login: actor.login, action: "action-confirm", stageBefore: nil,
                                 stageAfter: nil, reason: nil, changes: [FieldChange(field: "action", before: "proposed", after: "#\(id) open")])
        }
    }

    /// Every action arising from one decision, soonest due first.
    public func actions(decisionID: Int64) throws -> [FollowUpAction] {
        try pool.read { db in try Self.actions(db, decisionID: decisionID) }
    }

    static func actions(_ db: Database, decisionID: Int64) throws -> [FollowUpAction] {
        try Row.fetchAll(db, sql: "SELECT * FROM action WHERE decision_id = ? ORDER BY completed_on IS NOT NULL, due, id",
                         arguments: [decisionID]).map(Self.action)
    }

    // MARK: Measures

    static func upsertMeasure(_ m: Measure, db: Database) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO measure (plan, name, unit, baseline, target, target_date, higher_is_better) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(plan, name) DO UPDATE SET unit = excluded.unit, baseline = coalesce(excluded.baseline, baseline),
                target = coalesce(excluded.target, target), target_date = coalesce(excluded.target_date, target_date),
                higher_is_better = excluded.higher_is_better
            """, arguments: [m.plan, m.name, m.unit, m.baseline, m.target, m.targetDate?.iso, m.higherIsBetter])
        let id = try Int64.fetchOne(db, sql: "SELECT id FROM measure WHERE plan = ? AND name = ?", arguments: [m.plan, m.name])!
        for r in m.readings {
            try db.execute(sql: "INSERT INTO reading (measure_id, date, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value",
                           arguments: [id, r.date.iso, r.value])
        }
        return id
    }

    /// Adds or updates a measure (and any readings it carries).
    @discardableResult
    public func saveMeasure(_ measure: Measure, by actor: Actor) throws -> Int64 {
        try Self.requireOfficer(actor, "changing measures")
        return try write { db in
            let id = try Self.upsertMeasure(measure, db: db)
            try Self.appendAudit(db, decisionID: nil, login: actor.login, action: "measure-save", stageBefore: nil, stageAfter: nil,
                                 reason: nil, changes: [FieldChange(field: "measure", before: nil, after: "\(measure.plan): \(measure.name)")]
                                    + measure.readings.map { FieldChange(field: "reading", before: nil, after: "\($0.date.iso) \($0.value)") })
            return id
        }
    }

    public func measures(plan: String? = nil) throws -> [Measure] {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM measure" + (plan == nil ? "" : " WHERE plan LIKE ? ESCAPE '\\'")
                                        + " ORDER BY plan, name",
                                        arguments: plan.map { ["%" + FilterSQL.escapeLike($0) + "%"] } ?? [])
            return try rows.map { row in
                let id: Int64 = row["id"]
                let readings = try Row.fetchAll(db, sql: "SELECT date, value FROM reading WHERE measure_id = ? ORDER BY date", arguments: [id])
                    .map { Reading(date: CivilDate(iso: $0["date"] as String)!, value: $0["value"]) }
                return Measure(id: id, plan: row["plan"], name: row["name"], unit: row["unit"], baseline: row["baseline"],
                               target: row["target"], targetDate: (row["target_date"] as String?).flatMap { CivilDate(iso: $0) },
                               higherIsBetter: row["higher_is_better"], readings: readings)
            }
        }
    }
}
