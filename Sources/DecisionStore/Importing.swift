import Foundation
import GRDB
import Decisions

/// What an import did (or, for a dry run, would do).
public struct ImportSummary: Sendable, Equatable {
    public enum Outcome: String, Sendable { case created, updated, unchanged }
    public struct Entry: Sendable, Equatable {
        public var outcome: Outcome
        public var kind: String  // "decision" or "meeting"
        public var title: String
        public var id: Int64?
        public var changedFields: [String]
    }
    public var entries: [Entry] = []

    public func count(_ outcome: Outcome, kind: String = "decision") -> Int {
        entries.filter { $0.outcome == outcome && $0.kind == kind }.count
    }
}

extension DecisionStore {
    /// Writes everything in `records` in one transaction: all of it or, on any error, none.
    /// A record already in the store (same reference, or same maker, date and title) is updated.
    /// With `dryRun` the transaction is rolled back and the summary says what would change.
    @discardableResult
    public func importRecords(_ records: [ImportedRecords], login: String, dryRun: Bool = false) throws -> ImportSummary {
        var summary = ImportSummary()
        try requireUndamaged()
        do {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let rules = try loadRules(db)
                    for batch in records {
                        for meeting in batch.meetings {
                            try upsertMeeting(meeting, db: db, login: login, rules: rules, summary: &summary)
                        }
                        for decision in batch.decisions {
                            _ = try upsertDecision(decision, meetingID: nil, minutes: nil, db: db, login: login, rules: rules,
                                                   summary: &summary)
                        }
                        for measure in batch.measures {
                            _ = try Self.upsertMeasure(measure, db: db)
                            summary.entries.append(.init(outcome: .updated, kind: "measure", title: "\(measure.plan): \(measure.name)",
                                                         id: nil, changedFields: measure.readings.map { "\($0.date.iso) \($0.value)" }))
                        }
                    }
                    return dryRun ? .rollback : .commit
                }
                // A committed import is copied from the -wal into the store file at once, so that a
                // -wal deleted under a running holder (the sqlite3 shell does that) cannot take it away.
                if !dryRun { _ = try? db.checkpoint(.passive) }
            }
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
        return summary
    }

    private func upsertMeeting(_ meeting: Meeting, db: Database, login: String, rules: CouncilRules,
                               summary: inout ImportSummary) throws {
        let existing = try Row.fetchOne(db, sql: "SELECT * FROM meeting WHERE natural_key = ?", arguments: [meeting.naturalKey])
        let meetingID: Int64
        if let existing {
            meetingID = existing["id"]
            // What this file does not state is kept: a page about one item says nothing of the rest.
            try db.execute(sql: """
                UPDATE meeting SET natural_key = ?, reference = coalesce(?, reference), body = ?, date = coalesce(?, date),
                time = coalesce(?, time), location = coalesce(?, location), status = coalesce(?, status),
                attendees = CASE WHEN ? = '[]' THEN attendees ELSE ? END, source = ? WHERE id = ?
                """, arguments: [meeting.naturalKey, meeting.reference, meeting.body, meeting.date?.iso, meeting.time,
                                 meeting.location, meeting.status, DecisionColumns.json(meeting.attendees),
                                 DecisionColumns.json(meeting.attendees), meeting.source, meetingID])
            if meeting.reference != nil && !meeting.items.isEmpty {
                // The publisher's own meeting record carries the whole agenda: it replaces ours.
                // (A GetMeetings listing names the meeting without its agenda: the agenda stays.)
                try db.execute(sql: "DELETE FROM agenda_item WHERE meeting_id = ?", arguments: [meetingID])
            }
            summary.entries.append(.init(outcome: .updated, kind: "meeting", title: meeting.body, id: meetingID, changedFields: []))
        } else {
            try db.execute(sql: """
                INSERT INTO meeting (natural_key, reference, body, date, time, location, status, attendees, source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [meeting.naturalKey, meeting.reference, meeting.body, meeting.date?.iso, meeting.time,
                                 meeting.location, meeting.status, DecisionColumns.json(meeting.attendees), meeting.source])
            meetingID = db.lastInsertedRowID
            summary.entries.append(.init(outcome: .created, kind: "meeting", title: meeting.body, id: meetingID, changedFields: []))
        }
        for (index, item) in meeting.items.enumerated() {
            // An item already on the agenda (same number, or same title when unnumbered) is replaced in place.
            let existingItem = try Row.fetchOne(db, sql: """
                SELECT id, position FROM agenda_item WHERE meeting_id = ? AND (number = ? OR (number IS NULL AND ? IS NULL AND title = ?))
                """, arguments: [meetingID, item.number, item.number, item.title])
            let position: Int
            if let existingItem {
                position = existingItem["position"]
                try db.execute(sql: "DELETE FROM agenda_item WHERE id = ?", arguments: [existingItem["id"] as Int64])
            } else if meeting.reference != nil {
                position = index
            } else {
                position = (try Int.fetchOne(db, sql: "SELECT max(position) FROM agenda_item WHERE meeting_id = ?", arguments: [meetingID]) ?? -1) + 1
            }
            var decisionID: Int64?
            if var decision = item.decision {
                if decision.meeting == nil {
                    decision.meeting = MeetingReference(body: meeting.body, date: meeting.date, item: item.number)
                }
                decisionID = try upsertDecision(decision, meetingID: meetingID, minutes: item.minutes, db: db, login: login,
                                                rules: rules, summary: &summary)
            }
            try db.execute(sql: """
                INSERT INTO agenda_item (meeting_id, position, number, title, text, minutes, is_restricted, documents, decision_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [meetingID, position, item.number, item.title, item.text, item.minutes, item.isRestricted,
                                 DecisionColumns.json(item.documents), decisionID])
        }
    }

    /// Inserts or updates one decision and its search entry; returns its id.
    func upsertDecision(_ incoming: Decision, meetingID: Int64?, minutes: String?, db: Database, login: String,
                        rules: CouncilRules, summary: inout ImportSummary) throws -> Int64 {
        let existingRow = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(DecisionColumns.full), meeting_id FROM decision WHERE natural_key = ?"),
            arguments: [incoming.naturalKey])
        let columns = DecisionColumns.writable
        if let existingRow {
            let existing = DecisionColumns.decision(from: existingRow)
            let id = existing.id!
            var merged = incoming
            merged.id = id
            merged.version = existing.version
            try Self.keepTheWorkflow(of: existing, in: &merged, actedHere: Self.hasWorkflowActs(db, decisionID: id))
            let previousMeeting: Int64? = existingRow["meeting_id"]
            let linkedMeeting = meetingID ?? previousMeeting
            let next = nextDeadline(for: merged, rules: rules)
            var changes = Self.fieldChanges(from: existing, to: merged)
            if changes.isEmpty && linkedMeeting != previousMeeting {
                changes = [FieldChange(field: "agenda", before: previousMeeting.map { "meeting #\($0)" }, after: linkedMeeting.map { "meeting #\($0)" })]
            }
            if changes.isEmpty {
                summary.entries.append(.init(outcome: .unchanged, kind: "decision", title: merged.title, id: id, changedFields: []))
                return id
            }
            let assignments = columns.map { "\($0) = ?" }.joined(separator: ", ")
            try db.cachedStatement(sql: "UPDATE decision SET \(assignments), version = version + 1 WHERE id = ?")
                .execute(arguments: StatementArguments(DecisionColumns.values(merged, meetingID: linkedMeeting, nextDeadline: next) + [id]))
            try indexForSearch(merged, id: id, minutes: minutes, db: db)
            try Self.appendAudit(db, decisionID: id, login: login, action: "import-update", stageBefore: existing.stage,
                                 stageAfter: merged.stage, reason: incoming.source.map { "imported from \($0)" },
                                 changes: changes)
            summary.entries.append(.init(outcome: .updated, kind: "decision", title: merged.title, id: id,
                                         changedFields: changes.map(\.field)))
            return id
        }
        let next = nextDeadline(for: incoming, rules: rules)
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        try db.cachedStatement(sql: "INSERT INTO decision (\(columns.joined(separator: ", "))) VALUES (\(placeholders))")
            .execute(arguments: StatementArguments(DecisionColumns.values(incoming, meetingID: meetingID, nextDeadline: next)))
        let id = db.lastInsertedRowID
        try indexForSearch(incoming, id: id, minutes: minutes, db: db, isNew: true)
        // Follow-up the resolutions commit to ("bi-monthly reporting", "a further report", "by DATE"),
        // proposed for an officer to confirm.
        var stored = incoming
        stored.id = id
        for proposal in FollowUpDetector.proposals(for: stored, from: incoming.registerDate ?? today) {
            let actionID = try Self.insertAction(proposal, db: db)
            summary.entries.append(.init(outcome: .created, kind: "proposed action", title: "#\(actionID) due \(proposal.due.iso): \(proposal.text.prefix(60))",
                                         id: actionID, changedFields: []))
        }
        try Self.appendAudit(db, decisionID: id, login: login, action: "import-create", stageBefore: nil,
                             stageAfter: incoming.stage, reason: incoming.source.map { "imported from \($0)" }, changes: [])
        summary.entries.append(.init(outcome: .created, kind: "decision", title: incoming.title, id: id, changedFields: []))
        return id
    }

    /// Rule A-IMPORT-LIFECYCLE: the workflow stage is the only truth about where a decision
    /// stands. Once an act has been recorded here, the stage, the dates and procedure those acts
    /// set, and amendments they added belong to the workflow: the publisher's page updates the
    /// text and its published status only. Before any act, a page may move the stage forward
    /// (a page now saying "Decision Made"), never back.
    static func keepTheWorkflow(of existing: Decision, in merged: inout Decision, actedHere: Bool) {
        if actedHere {
            merged.stage = existing.stage
            merged.procedure = existing.procedure
            merged.decisionDate = existing.decisionDate ?? merged.decisionDate
            merged.publicationDate = existing.publicationDate ?? merged.publicationDate
            merged.effectiveFrom = existing.effectiveFrom
            merged.urgencyReason = existing.urgencyReason ?? merged.urgencyReason
            let amendments = existing.resolutions.filter { $0.label == "Amendment" && !merged.resolutions.contains($0) }
            merged.resolutions += amendments
            return
        }
        if !existing.stage.importMayAdvance(to: merged.stage) { merged.stage = existing.stage }
        if merged.procedure == Procedure() { merged.procedure = existing.procedure }
    }

    /// Whether any workflow act (not an import) has been recorded on the decision.
    static func hasWorkflowActs(_ db: Database, decisionID: Int64) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: workflowActsQuery), arguments: [decisionID]) ?? false
    }

    /// The acts are our own names, never user input: they are written into the query once.
    private static let workflowActsQuery = """
        SELECT EXISTS (SELECT 1 FROM audit WHERE decision_id = ? AND action IN (\(
            (TransitionKind.allCases.map(\.rawValue) + ["call-in-sign"]).map { "'\($0)'" }.joined(separator: ", "))))
        """

    /// Whether every record in the store was written by `cabinet demo` (rule A-DEMO-STORE).
    public func holdsOnlyGeneratedRecords() throws -> Bool {
        try pool.read { db in
            try Bool.fetchOne(db, sql: """
                SELECT NOT EXISTS (SELECT 1 FROM decision WHERE source IS NULL OR source NOT LIKE 'synthetic:%')
                   AND NOT EXISTS (SELECT 1 FROM meeting)
                """) ?? false
        }
    }

    func indexForSearch(_ decision: Decision, id: Int64, minutes: String?, db: Database, isNew: Bool = false) throws {
        var minutes = minutes
        if !isNew {
            if minutes == nil {
                minutes = try String.fetchOne(db.cachedStatement(sql: "SELECT minutes FROM decision_fts WHERE rowid = ?"), arguments: [id])
            }
            try db.cachedStatement(sql: "DELETE FROM decision_fts WHERE rowid = ?").execute(arguments: [id])
        }
        let text = DecisionColumns.searchText(decision, minutes: minutes)
        try db.cachedStatement(sql: "INSERT INTO decision_fts (rowid, title, purpose, body, minutes) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [id, text[0], text[1], text[2], text[3]])
    }

    /// The fields that differ between two versions of a record, for the audit trail.
    static func fieldChanges(from old: Decision, to new: Decision) -> [FieldChange] {
        let before = fieldValues(old), after = fieldValues(new)
        return zip(before, after).compactMap { pair in
            pair.0.1 == pair.1.1 ? nil : FieldChange(field: pair.0.0, before: pair.0.1, after: pair.1.1)
        }
    }

    static func fieldValues(_ d: Decision) -> [(String, String?)] {
        [
            ("reference", d.reference), ("title", d.title), ("decision_maker", d.decisionMaker),
            ("maker_kind", d.makerKind.rawValue), ("meeting", d.meeting.map { DecisionColumns.json($0) }),
            ("status", d.status), ("stage", d.stage.rawValue), ("is_key_decision", String(d.isKeyDecision)),
            ("key_reason", d.keyReason), ("is_subject_to_call_in", String(d.isSubjectToCallIn)),
            ("is_urgent", String(d.isUrgent)), ("urgency_reason", d.urgencyReason),
            ("exempt_paragraphs", DecisionColumns.json(d.exemptParagraphs)), ("wards", DecisionColumns.json(d.wards)),
            ("report_author", d.reportAuthor), ("contact", d.contact), ("publication_date", d.publicationDate?.iso),
            ("decision_date", d.decisionDate?.iso), ("effective_from", d.effectiveFrom?.iso), ("purpose", d.purpose),
            ("decision_text", d.decisionText), ("resolutions", DecisionColumns.json(d.resolutions)),
            ("reasons", d.reasons), ("alternatives", d.alternatives), ("interests", d.interests),
            ("documents", DecisionColumns.json(d.documents)), ("procedure", DecisionColumns.json(d.procedure)),
            ("source", d.source), ("notes", d.notes),
        ]
    }

    /// The earliest statutory deadline the decision still has to meet (stored so the
    /// register can sort by it).
    /// Computed as of the store's today: passive deadlines still running count as pending,
    /// so the stored date is never later than the live one (the register recomputes states).
    func nextDeadline(for decision: Decision, rules: CouncilRules) -> CivilDate? {
        DeadlineCalculator(rules: rules, calendar: calendar).nextDeadline(for: decision, today: today)?.date
    }
}
