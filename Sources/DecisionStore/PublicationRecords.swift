import Foundation
import GRDB
import Crypto
import Decisions

extension DecisionStore {
    /// Publishes the notice of key decisions for `period` in one transaction: every key decision
    /// on it that has no notice date yet gets `date`, the date the 28-clear-day guard
    /// (R-KEY-NOTICE-28) reads, each change audited; `render` makes the document from the
    /// decisions as they then stand, and its digest is audited too. If `render` throws, nothing
    /// is written. Returns what `render` made.
    public func publishForwardPlan(period: ForwardPlanPeriod, on date: CivilDate, login: String, description: String,
                                   render: ([Decision]) throws -> String) throws -> String {
        try write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(DecisionColumns.full) FROM decision WHERE is_key = 1 AND stage IN (?, ?) ORDER BY id
                """, arguments: [Stage.proposed.rawValue, Stage.deferred.rawValue])
            let rules = try loadRules(db)
            var onPlan: [Decision] = []
            for current in rows.map(DecisionColumns.decision(from:)) where current.isOnForwardPlan(for: period) {
                guard current.procedure.noticeDate == nil, let id = current.id else { onPlan.append(current); continue }
                var noticed = current
                noticed.procedure.noticeDate = date
                let change = FieldChange(field: "procedure.noticeDate", before: nil, after: date.iso)
                let outcome = TransitionOutcome(decision: noticed, audit: AuditDraft(
                    action: "forward-plan-notice", stageBefore: current.stage, stageAfter: current.stage,
                    reason: nil, changes: [change]))
                try storeTransition(db, id: id, current: current, outcome: outcome, login: login, rules: rules, extraChanges: [])
                noticed.version = current.version + 1
                onPlan.append(noticed)
            }
            let text = try render(onPlan)
            try Self.auditPublication(db, decisionID: nil, login: login, description: description, text: text)
            return text
        }
    }

    /// Audits the publication of a document about decision `decisionID` (nil: about no one
    /// decision, e.g. an agenda): what it was and the SHA-256 of the text published.
    public func recordPublication(decisionID: Int64?, login: String, description: String, text: String) throws {
        try write { db in try Self.auditPublication(db, decisionID: decisionID, login: login, description: description, text: text) }
    }

    static func auditPublication(_ db: Database, decisionID: Int64?, login: String, description: String, text: String) throws {
        let digest = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
        try appendAudit(db, decisionID: decisionID, login: login, action: "publish-document", stageBefore: nil, stageAfter: nil,
                        reason: nil, changes: [FieldChange(field: "publication.document", before: nil, after: description),
                                               FieldChange(field: "publication.sha256", before: nil, after: digest)])
    }

    /// The attendance recorded for the meeting decision `decisionID` was taken at (empty when
    /// it is not linked to a stored meeting).
    public func attendance(decisionID: Int64) throws -> [Attendee] {
        try pool.read { db in
            let json = try String.fetchOne(db, sql: """
                SELECT m.attendees FROM decision d JOIN meeting m ON m.id = d.meeting_id WHERE d.id = ?
                """, arguments: [decisionID])
            return DecisionColumns.decodeJSON([Attendee].self, json, default: [])
        }
    }
}
