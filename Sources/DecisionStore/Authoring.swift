import Foundation
import GRDB
import Decisions

/// Why a write of a record was refused by the store: the record itself is at fault.
public enum AuthoringError: Error, CustomStringConvertible, Equatable {
    case duplicate(existing: Int64, key: String)
    case noMeeting(Int64)
    case noAgendaItem(Int64)
    case hasHistory(id: Int64, acts: [String])

    public var description: String {
        switch self {
        case .duplicate(let existing, _):
            "decision #\(existing) already has this maker, date and title (or this reference); edit it instead; nothing was written"
        case .noMeeting(let id): "there is no meeting #\(id); nothing was written"
        case .noAgendaItem(let id): "there is no agenda item #\(id); nothing was written"
        case .hasHistory(let id, let acts):
            "decision #\(id) has acts recorded on it (\(acts.joined(separator: ", "))): remove the duplicate that has none; nothing was changed"
        }
    }
}

/// What an edit changed.
public struct EditOutcome: Sendable, Equatable {
    public var decision: Decision
    public var changes: [FieldChange]
}

/// A record removed from the register as a duplicate, kept whole.
public struct RemovedDecision: Sendable, Equatable {
    public var id: Int64
    public var title: String
    public var removedOn: String
    public var removedBy: String
    public var reason: String
    /// Its public facts as they were (title, maker, exempt paragraphs), to redact its history by.
    public var decision: Decision
}

extension DecisionStore {
    // MARK: Decisions

    /// Records a new decision (and, with `meetingID`, puts it on that meeting's agenda as a new
    /// item) in one transaction, audited as "create".
    public func createDecision(_ decision: Decision, meetingID: Int64?, login: String) throws -> Decision {
        try write { db in
            var d = decision
            d.id = nil
            d.version = 0
            if let meetingID { try Self.linkMeeting(db, meetingID: meetingID, to: &d) }
            if let clash = try Int64.fetchOne(db, sql: "SELECT id FROM decision WHERE natural_key = ?", arguments: [d.naturalKey]) {
                throw AuthoringError.duplicate(existing: clash, key: d.naturalKey)
            }
            let rules = try loadRules(db)
            let columns = DecisionColumns.writable
            let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
            try db.execute(sql: "INSERT INTO decision (\(columns.joined(separator: ", "))) VALUES (\(placeholders))",
                           arguments: StatementArguments(DecisionColumns.values(d, meetingID: meetingID, nextDeadline: nextDeadline(for: d, rules: rules))))
            let id = db.lastInsertedRowID
            d.id = id
            try indexForSearch(d, id: id, minutes: nil, db: db, isNew: true)
            let written = Self.fieldValues(d).compactMap { field, value in
                value.map { FieldChange(field: field, before: nil, after: $0) }
            }.filter { !["stage", "maker_kind", "procedure"].contains($0.field) && $0.after != "[]" && $0.after != "false" && $0.after != "" }
            try Self.appendAudit(db, decisionID: id, login: login, action: "create", stageBefore: nil, stageAfter: d.stage,
                                 reason: nil, changes: written)
            if let meetingID {
                let itemID = try Self.appendAgendaItem(db, meetingID: meetingID, title: d.title, decisionID: id)
                try Self.renumber(db, meetingID: meetingID)
                try Self.auditMeeting(db, meetingID: meetingID, login: login, action: "agenda-add",
                                      changes: [FieldChange(field: "item", before: nil, after: "#\(itemID) \(d.title) (decision #\(id))")])
                d = try Self.decision(db, id: id) ?? d
            }
            return d
        }
    }

    /// Changes decision `id` as `change` says, if nobody changed it since `expectedVersion`:
    /// one audit entry (`action`, with `reason`) naming every changed field, old and new.
    /// `meetingID` moves it to another meeting's agenda (`.some(nil)` takes it off any).
    public func editDecision(id: Int64, expectedVersion: Int, login: String, action: String, reason: String?,
                             meetingID: Int64?? = nil, _ change: (inout Decision) throws -> Void) throws -> EditOutcome {
        try write { db in
            guard let current = try Self.decision(db, id: id) else { throw StoreError.notFound(id: id) }
            guard current.version == expectedVersion else { throw StoreError.conflict(id: id) }
            var d = current
            try change(&d)
            d.id = id
            var linked: Int64? = try Int64.fetchOne(db, sql: "SELECT meeting_id FROM decision WHERE id = ?", arguments: [id])
            let moved = meetingID.map { $0 != linked } ?? false
            if moved, let target = meetingID {
                if let target { try Self.linkMeeting(db, meetingID: target, to: &d) } else { d.meeting = nil }
            }
            var changes = Self.fieldChanges(from: current, to: d)
            guard !changes.isEmpty || moved else { return EditOutcome(decision: current, changes: []) }
            if d.naturalKey != current.naturalKey,
               let clash = try Int64.fetchOne(db, sql: "SELECT id FROM decision WHERE natural_key = ? AND id <> ?", arguments: [d.naturalKey, id]) {
                throw AuthoringError.duplicate(existing: clash, key: d.naturalKey)
            }
            if moved, let target = meetingID {
                let oldItems = try Row.fetchAll(db, sql: "SELECT id, meeting_id FROM agenda_item WHERE decision_id = ?", arguments: [id])
                for item in oldItems {
                    let itemID: Int64 = item["id"], oldMeeting: Int64 = item["meeting_id"]
                    try db.execute(sql: "DELETE FROM agenda_item WHERE id = ?", arguments: [itemID])
                    try Self.compact(db, meetingID: oldMeeting)
                    try Self.renumber(db, meetingID: oldMeeting)
                    try Self.auditMeeting(db, meetingID: oldMeeting, login: login, action: "agenda-remove",
                                          changes: [FieldChange(field: "item", before: "#\(itemID) \(d.title) (decision #\(id))", after: nil)])
                }
                linked = target
                if let target {
                    let itemID = try Self.appendAgendaItem(db, meetingID: target, title: d.title, decisionID: id)
                    try Self.renumber(db, meetingID: target)
                    try Self.auditMeeting(db, meetingID: target, login: login, action: "agenda-add",
                                          changes: [FieldChange(field: "item", before: nil, after: "#\(itemID) \(d.title) (decision #\(id))")])
                    d.meeting?.item = try String.fetchOne(db, sql: "SELECT number FROM agenda_item WHERE id = ?", arguments: [itemID])
                }
                changes = Self.fieldChanges(from: current, to: d)
            }
            let rules = try loadRules(db)
            let assignments = DecisionColumns.writable.map { "\($0) = ?" }.joined(separator: ", ")
            // The version was checked when this transaction read the record; renumbering the agenda
            // may have bumped it since, inside this same transaction: the edit is one new version.
            try db.execute(sql: "UPDATE decision SET \(assignments), version = ? WHERE id = ?",
                           arguments: StatementArguments(DecisionColumns.values(d, meetingID: linked, nextDeadline: nextDeadline(for: d, rules: rules))
                                                         + [expectedVersion + 1, id]))
            guard db.changesCount == 1 else { throw StoreError.conflict(id: id) }
            // An agenda item named after the decision keeps its name.
            try db.execute(sql: "UPDATE agenda_item SET title = ? WHERE decision_id = ? AND title = ?", arguments: [d.title, id, current.title])
            try indexForSearch(d, id: id, minutes: nil, db: db)
            try Self.appendAudit(db, decisionID: id, login: login, action: action, stageBefore: current.stage, stageAfter: d.stage,
                                 reason: reason, changes: changes)
            d.version = current.version + 1
            return EditOutcome(decision: d, changes: changes)
        }
    }

    /// Removes a duplicate from the register: the row is kept whole in `removed_decision`, the
    /// audit trail says who, when and why. A record with acts recorded on it is not a duplicate
    /// to remove (its history would go with it).
    public func removeDecision(id: Int64, reason: String, login: String, on day: CivilDate) throws {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM decision WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound(id: id)
            }
            let acts = try String.fetchAll(db, sql: """
                SELECT DISTINCT action FROM audit WHERE decision_id = ? AND action NOT IN ('create', 'edit', 'import-create', 'import-update')
                """, arguments: [id])
            let requests = try Int.fetchOne(db, sql: "SELECT count(*) FROM call_in_request WHERE decision_id = ?", arguments: [id]) ?? 0
            if !acts.isEmpty || requests > 0 {
                throw AuthoringError.hasHistory(id: id, acts: acts + (requests > 0 ? ["call-in request"] : []))
            }
            var record: [String: Any] = [:]
            for column in row.columnNames {
                let value: DatabaseValue = row[column]
                switch value.storage {
                case .null: record[column] = NSNull()
                case .int64(let n): record[column] = n
                case .double(let x): record[column] = x
                case .string(let text): record[column] = text
                case .blob(let data): record[column] = data.base64EncodedString()
                }
            }
            let snapshot = String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self)
            try db.execute(sql: "INSERT INTO removed_decision (id, removed_on, removed_by, reason, record) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, day.iso, login, reason, snapshot])
            let meetings = try Int64.fetchAll(db, sql: "SELECT DISTINCT meeting_id FROM agenda_item WHERE decision_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM agenda_item WHERE decision_id = ?", arguments: [id])
            for meeting in meetings { try Self.compact(db, meetingID: meeting); try Self.renumber(db, meetingID: meeting) }
            try db.execute(sql: "DELETE FROM decision_fts WHERE rowid = ?", arguments: [id])
            try db.execute(sql: "UPDATE action SET decision_id = NULL WHERE decision_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM decision WHERE id = ?", arguments: [id])
            let title: String = row["title"]
            try Self.appendAudit(db, decisionID: id, login: login, action: "remove", stageBefore: Stage(rawValue: row["stage"]),
                                 stageAfter: nil, reason: reason, changes: [FieldChange(field: "title", before: title, after: nil)])
        }
    }

    /// A removed record, when `id` was removed.
    public func removedDecision(id: Int64) throws -> RemovedDecision? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM removed_decision WHERE id = ?", arguments: [id]).map { row in
                let record = (try? JSONSerialization.jsonObject(with: Data((row["record"] as String).utf8))) as? [String: Any]
                let title = record?["title"] as? String ?? ""
                let paragraphs = DecisionColumns.decodeJSON([Int].self, record?["exempt_paragraphs"] as? String, default: [])
                return RemovedDecision(id: row["id"], title: title, removedOn: row["removed_on"], removedBy: row["removed_by"],
                                       reason: row["reason"],
                                       decision: Decision(title: title, decisionMaker: record?["decision_maker"] as? String ?? "",
                                                          exemptParagraphs: paragraphs))
            }
        }
    }

    /// The decision makers the register knows, in alphabetical order. Each is found by one step
    /// along the maker index (a skip scan), so the cost is in the number of makers, not of
    /// decisions: a form opens as fast on ten million decisions as on ten.
    public func knownMakers(limit: Int = 200) throws -> [String] {
        try pool.read { db in
            try String.fetchAll(db, sql: """
                WITH RECURSIVE maker(name) AS (
                    SELECT min(decision_maker) FROM decision
                    UNION ALL
                    SELECT (SELECT min(decision_maker) FROM decision WHERE decision_maker > maker.name) FROM maker WHERE maker.name IS NOT NULL
                )
                SELECT name FROM maker WHERE name IS NOT NULL LIMIT ?
                """, arguments: [limit])
        }
    }

    /// The meeting a decision is on the agenda of, when it is.
    public func meetingID(ofDecision id: Int64) throws -> Int64? {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT meeting_id FROM decision WHERE id = ?", arguments: [id]) ?? nil }
    }

    // MARK: Meetings

    /// A new meeting of `body`; audited.
    public func createMeeting(_ meeting: Meeting, login: String) throws -> Int64 {
        try write { db in
            if let clash = try Int64.fetchOne(db, sql: "SELECT id FROM meeting WHERE natural_key = ?", arguments: [meeting.naturalKey]) {
                throw StoreError.notPermitted("meeting #\(clash) is already \(meeting.body) on \(meeting.date?.iso ?? "no date"); nothing was written")
            }
            try db.execute(sql: """
                INSERT INTO meeting (natural_key, reference, body, date, time, location, status, attendees, source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [meeting.naturalKey, meeting.reference, meeting.body, meeting.date?.iso, meeting.time, meeting.location,
                                 meeting.status, DecisionColumns.json(meeting.attendees), meeting.source])
            let id = db.lastInsertedRowID
            try Self.auditMeeting(db, meetingID: id, login: login, action: "meeting-create", changes: [
                FieldChange(field: "body", before: nil, after: meeting.body), FieldChange(field: "date", before: nil, after: meeting.date?.iso),
                FieldChange(field: "time", before: nil, after: meeting.time), FieldChange(field: "place", before: nil, after: meeting.location),
            ].filter { $0.after != nil })
            return id
        }
    }

    /// Changes a meeting's body, date, time or place; a new date moves the decisions on its
    /// agenda that are still to be taken, and their deadlines follow.
    public func updateMeeting(id: Int64, login: String, _ change: (inout Meeting) -> Void) throws -> [FieldChange] {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM meeting WHERE id = ?", arguments: [id]) else {
                throw AuthoringError.noMeeting(id)
            }
            let before = Self.meeting(from: row)
            var after = before
            change(&after)
            let pairs: [(String, String?, String?)] = [("body", before.body, after.body), ("date", before.date?.iso, after.date?.iso),
                                                       ("time", before.time, after.time), ("place", before.location, after.location),
                                                       ("status", before.status, after.status)]
            let changes = pairs.filter { $0.1 != $0.2 }.map { FieldChange(field: $0.0, before: $0.1, after: $0.2) }
            guard !changes.isEmpty else { return [] }
            try db.execute(sql: "UPDATE meeting SET natural_key = ?, body = ?, date = ?, time = ?, location = ?, status = ? WHERE id = ?",
                           arguments: [after.naturalKey, after.body, after.date?.iso, after.time, after.location, after.status, id])
            try Self.auditMeeting(db, meetingID: id, login: login, action: "meeting-edit", changes: changes)
            let rules = try loadRules(db)
            for decisionID in try Int64.fetchAll(db, sql: "SELECT id FROM decision WHERE meeting_id = ?", arguments: [id]) {
                guard var d = try Self.decision(db, id: decisionID), d.decisionDate == nil else { continue }
                let old = d
                d.meeting?.body = after.body
                d.meeting?.date = after.date
                if after.date != nil { d.procedure.scheduledFor = after.date }
                let fieldChanges = Self.fieldChanges(from: old, to: d)
                guard !fieldChanges.isEmpty else { continue }
                try Self.rewrite(db, d, meetingID: id, rules: rules, calendarStore: self)
                try Self.appendAudit(db, decisionID: decisionID, login: login, action: "reschedule", stageBefore: d.stage, stageAfter: d.stage,
                                     reason: "meeting #\(id) moved", changes: fieldChanges)
            }
            return changes
        }
    }

    /// Adds an item to a meeting's agenda at `position` (1-based; the end when nil), optionally
    /// with a decision already in the register on it.
    public func addAgendaItem(meetingID: Int64, title: String, decisionID: Int64?, position: Int?, isRestricted: Bool, login: String) throws -> Int64 {
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM meeting WHERE id = ?)", arguments: [meetingID]) == true else {
                throw AuthoringError.noMeeting(meetingID)
            }
            let itemID = try Self.appendAgendaItem(db, meetingID: meetingID, title: title, decisionID: nil, isRestricted: isRestricted)
            if let position { try Self.reorder(db, meetingID: meetingID, itemID: itemID, to: position) }
            try Self.renumber(db, meetingID: meetingID)
            try Self.auditMeeting(db, meetingID: meetingID, login: login, action: "agenda-add",
                                  changes: [FieldChange(field: "item", before: nil, after: "#\(itemID) \(title)")])
            if let decisionID { try Self.attach(db, decisionID: decisionID, itemID: itemID, login: login, rules: try loadRules(db), store: self) }
            return itemID
        }
    }

    /// Moves an agenda item to `position` (1-based) among its meeting's items.
    public func moveAgendaItem(id: Int64, to position: Int, login: String) throws {
        try write { db in
            guard let meetingID = try Int64.fetchOne(db, sql: "SELECT meeting_id FROM agenda_item WHERE id = ?", arguments: [id]) else {
                throw AuthoringError.noAgendaItem(id)
            }
            let before = try Int.fetchOne(db, sql: "SELECT position FROM agenda_item WHERE id = ?", arguments: [id]) ?? 0
            try Self.reorder(db, meetingID: meetingID, itemID: id, to: position)
            try Self.renumber(db, meetingID: meetingID)
            let after = try Int.fetchOne(db, sql: "SELECT position FROM agenda_item WHERE id = ?", arguments: [id]) ?? 0
            try Self.auditMeeting(db, meetingID: meetingID, login: login, action: "agenda-move",
                                  changes: [FieldChange(field: "item #\(id) position", before: String(before + 1), after: String(after + 1))])
        }
    }

    /// Takes an item off its agenda; a decision on it stays in the register, with no meeting.
    public func removeAgendaItem(id: Int64, login: String) throws {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT meeting_id, title, decision_id FROM agenda_item WHERE id = ?", arguments: [id]) else {
                throw AuthoringError.noAgendaItem(id)
            }
            let meetingID: Int64 = row["meeting_id"]
            try db.execute(sql: "DELETE FROM agenda_item WHERE id = ?", arguments: [id])
            try Self.compact(db, meetingID: meetingID)
            try Self.renumber(db, meetingID: meetingID)
            let title: String = row["title"]
            try Self.auditMeeting(db, meetingID: meetingID, login: login, action: "agenda-remove",
                                  changes: [FieldChange(field: "item", before: "#\(id) \(title)", after: nil)])
            if let decisionID: Int64 = row["decision_id"], var d = try Self.decision(db, id: decisionID) {
                let old = d
                d.meeting = nil
                try Self.rewrite(db, d, meetingID: nil, rules: try loadRules(db), calendarStore: self)
                try Self.appendAudit(db, decisionID: decisionID, login: login, action: "reschedule", stageBefore: d.stage, stageAfter: d.stage,
                                     reason: "taken off the agenda of meeting #\(meetingID)", changes: Self.fieldChanges(from: old, to: d))
            }
        }
    }

    /// Puts decision `decisionID` on agenda item `itemID` (taking it off any other agenda).
    public func attachDecision(_ decisionID: Int64, toItem itemID: Int64, login: String) throws {
        try write { db in try Self.attach(db, decisionID: decisionID, itemID: itemID, login: login, rules: try loadRules(db), store: self) }
    }

    /// Records whether `name` attended meeting `meetingID` (replacing what was recorded for them).
    public func recordAttendance(meetingID: Int64, name: String, attendance: Attendance, role: String?, login: String) throws {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT attendees FROM meeting WHERE id = ?", arguments: [meetingID]) else {
                throw AuthoringError.noMeeting(meetingID)
            }
            var attendees = DecisionColumns.decodeJSON([Attendee].self, row["attendees"], default: [])
            let before = attendees.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
            attendees.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
            attendees.append(Attendee(name: name, role: role ?? before?.role, attendance: attendance.rawValue, party: before?.party, ward: before?.ward))
            try db.execute(sql: "UPDATE meeting SET attendees = ? WHERE id = ?", arguments: [DecisionColumns.json(attendees), meetingID])
            try Self.auditMeeting(db, meetingID: meetingID, login: login, action: "attendance",
                                  changes: [FieldChange(field: name, before: before?.attendance, after: attendance.rawValue)])
        }
    }

    /// Records a member's declaration of interest in an agenda item.
    public func declareInterest(_ declaration: InterestDeclaration, login: String) throws -> Int64 {
        try write { db in
            guard let meetingID = try Int64.fetchOne(db, sql: "SELECT meeting_id FROM agenda_item WHERE id = ?", arguments: [declaration.agendaItemID]) else {
                throw AuthoringError.noAgendaItem(declaration.agendaItemID)
            }
            try db.execute(sql: "INSERT INTO interest_declaration (agenda_item_id, member, kind, detail, dispensation) VALUES (?, ?, ?, ?, ?)",
                           arguments: [declaration.agendaItemID, declaration.member, declaration.kind.rawValue, declaration.detail, declaration.dispensation])
            let id = db.lastInsertedRowID
            try Self.auditMeeting(db, meetingID: meetingID, login: login, action: "declare-interest", changes: [
                FieldChange(field: "item #\(declaration.agendaItemID)", before: nil,
                            after: "\(declaration.member): \(declaration.kind.label)" + (declaration.dispensation.map { "; dispensation: \($0)" } ?? "")),
            ])
            return id
        }
    }

    /// The declarations of interest made at meeting `meetingID`, by item.
    public func declarations(meetingID: Int64) throws -> [InterestDeclaration] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.* FROM interest_declaration d JOIN agenda_item i ON i.id = d.agenda_item_id
                WHERE i.meeting_id = ? ORDER BY i.position, d.id
                """, arguments: [meetingID]).map(Self.declaration(from:))
        }
    }

    /// The declarations made on the agenda items a decision was taken under.
    public func declarations(decisionID: Int64) throws -> [InterestDeclaration] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.* FROM interest_declaration d JOIN agenda_item i ON i.id = d.agenda_item_id
                WHERE i.decision_id = ? ORDER BY d.id
                """, arguments: [decisionID]).map(Self.declaration(from:))
        }
    }

    static func declaration(from row: Row) -> InterestDeclaration {
        InterestDeclaration(id: row["id"], agendaItemID: row["agenda_item_id"], member: row["member"],
                            kind: InterestKind(rawValue: row["kind"]) ?? .nonRegistrable, detail: row["detail"], dispensation: row["dispensation"])
    }

    // MARK: Inside a write

    /// Points `d` at meeting `meetingID`: its body and date, and the date it is to be taken.
    static func linkMeeting(_ db: Database, meetingID: Int64, to d: inout Decision) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT body, date FROM meeting WHERE id = ?", arguments: [meetingID]) else {
            throw AuthoringError.noMeeting(meetingID)
        }
        let date = DecisionColumns.date(row, "date")
        d.meeting = MeetingReference(body: row["body"], date: date, item: nil)
        if let date { d.procedure.scheduledFor = date }
    }

    static func attach(_ db: Database, decisionID: Int64, itemID: Int64, login: String, rules: CouncilRules, store: DecisionStore) throws {
        guard let item = try Row.fetchOne(db, sql: "SELECT meeting_id, number FROM agenda_item WHERE id = ?", arguments: [itemID]) else {
            throw AuthoringError.noAgendaItem(itemID)
        }
        guard var d = try decision(db, id: decisionID) else { throw StoreError.notFound(id: decisionID) }
        let meetingID: Int64 = item["meeting_id"]
        let old = d
        // Off any other item first: a decision is taken under one item.
        let others = try Row.fetchAll(db, sql: "SELECT id, meeting_id FROM agenda_item WHERE decision_id = ? AND id <> ?", arguments: [decisionID, itemID])
        try db.execute(sql: "UPDATE agenda_item SET decision_id = NULL WHERE decision_id = ? AND id <> ?", arguments: [decisionID, itemID])
        try db.execute(sql: "UPDATE agenda_item SET decision_id = ? WHERE id = ?", arguments: [decisionID, itemID])
        try linkMeeting(db, meetingID: meetingID, to: &d)
        d.meeting?.item = item["number"]
        try rewrite(db, d, meetingID: meetingID, rules: rules, calendarStore: store)
        try auditMeeting(db, meetingID: meetingID, login: login, action: "agenda-attach",
                         changes: [FieldChange(field: "item #\(itemID)", before: nil, after: "decision #\(decisionID) \(d.title)")]
                            + others.map { FieldChange(field: "item #\($0["id"] as Int64)", before: "decision #\(decisionID)", after: nil) })
        try appendAudit(db, decisionID: decisionID, login: login, action: "reschedule", stageBefore: d.stage, stageAfter: d.stage,
                        reason: "put on the agenda of meeting #\(meetingID)", changes: fieldChanges(from: old, to: d))
    }

    /// Writes a changed record (its version bumped, its next deadline recomputed, its search entry renewed).
    static func rewrite(_ db: Database, _ d: Decision, meetingID: Int64?, rules: CouncilRules, calendarStore: DecisionStore) throws {
        guard let id = d.id else { return }
        let assignments = DecisionColumns.writable.map { "\($0) = ?" }.joined(separator: ", ")
        try db.execute(sql: "UPDATE decision SET \(assignments), version = version + 1 WHERE id = ?",
                       arguments: StatementArguments(DecisionColumns.values(d, meetingID: meetingID,
                                                                            nextDeadline: calendarStore.nextDeadline(for: d, rules: rules)) + [id]))
        try calendarStore.indexForSearch(d, id: id, minutes: nil, db: db)
    }

    static func appendAgendaItem(_ db: Database, meetingID: Int64, title: String, decisionID: Int64?, isRestricted: Bool = false) throws -> Int64 {
        let position = (try Int.fetchOne(db, sql: "SELECT max(position) FROM agenda_item WHERE meeting_id = ?", arguments: [meetingID]) ?? -1) + 1
        try db.execute(sql: "INSERT INTO agenda_item (meeting_id, position, title, is_restricted, decision_id) VALUES (?, ?, ?, ?, ?)",
                       arguments: [meetingID, position, title, isRestricted, decisionID])
        return db.lastInsertedRowID
    }

    /// Moves one item to 1-based `position`, the others closing up around it.
    static func reorder(_ db: Database, meetingID: Int64, itemID: Int64, to position: Int) throws {
        var ids = try Int64.fetchAll(db, sql: "SELECT id FROM agenda_item WHERE meeting_id = ? ORDER BY position", arguments: [meetingID])
        ids.removeAll { $0 == itemID }
        ids.insert(itemID, at: min(max(0, position - 1), ids.count))
        try place(db, ids)
    }

    /// Positions 0..<n with no gaps, in the order they are.
    static func compact(_ db: Database, meetingID: Int64) throws {
        try place(db, try Int64.fetchAll(db, sql: "SELECT id FROM agenda_item WHERE meeting_id = ? ORDER BY position", arguments: [meetingID]))
    }

    private static func place(_ db: Database, _ ids: [Int64]) throws {
        // Positions are unique per meeting: park them out of the way before setting the new ones.
        for (index, id) in ids.enumerated() { try db.execute(sql: "UPDATE agenda_item SET position = ? WHERE id = ?", arguments: [-1 - index, id]) }
        for (index, id) in ids.enumerated() { try db.execute(sql: "UPDATE agenda_item SET position = ? WHERE id = ?", arguments: [index, id]) }
    }

    /// Items numbered 1, 2, 3 in order, when the agenda is numbered that way or not at all (a
    /// publisher's own numbering, minute numbers running on from the last meeting, is kept);
    /// the decisions on them carry the new numbers.
    static func renumber(_ db: Database, meetingID: Int64) throws {
        let items = try Row.fetchAll(db, sql: "SELECT id, number, decision_id FROM agenda_item WHERE meeting_id = ? ORDER BY position", arguments: [meetingID])
        let numbers = items.compactMap { $0["number"] as String? }.map { Int($0) }
        let ours = numbers.allSatisfy { $0 != nil } && Set(numbers.compactMap { $0 }).isSubset(of: Set(1...max(1, items.count + 1)))
        guard ours else { return }
        for (index, item) in items.enumerated() {
            let number = String(index + 1)
            guard (item["number"] as String?) != number else { continue }
            try db.execute(sql: "UPDATE agenda_item SET number = ? WHERE id = ?", arguments: [number, item["id"] as Int64])
            if let decisionID: Int64 = item["decision_id"] {
                try db.execute(sql: "UPDATE decision SET meeting_item = ?, version = version + 1 WHERE id = ?", arguments: [number, decisionID])
            }
        }
    }

    static func auditMeeting(_ db: Database, meetingID: Int64, login: String, action: String, changes: [FieldChange]) throws {
        try appendAudit(db, decisionID: nil, login: login, action: action, stageBefore: nil, stageAfter: nil,
                        reason: "meeting #\(meetingID)", changes: changes)
    }
}
