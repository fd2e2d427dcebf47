import Foundation
import GRDB
import Decisions

/// A deadline of one decision, or a follow-up action's due date, for lists across the register.
public struct DueDeadline: Sendable, Hashable {
    public var decisionID: Int64
    public var title: String
    public var deadline: Deadline
    /// Set when the line is a follow-up action rather than a statutory deadline.
    public var actionID: Int64?
    /// A proposed action, awaiting an officer's confirmation.
    public var isProposed = false

    public var label: String {
        actionID == nil ? deadline.kind.label : (isProposed ? "proposed action #" : "action #") + String(actionID!)
    }
}

extension DecisionStore {
    /// Applies one workflow transition inside a transaction: the rules are checked against
    /// the record as it is now, and the write only lands if nobody changed the record since
    /// version `expectedVersion` (when given). A refusal changes nothing.
    public func transition(id: Int64, _ request: TransitionRequest, expectedVersion: Int? = nil,
                           extraAudit: [FieldChange] = []) throws -> Result<TransitionOutcome, TransitionRefusal> {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(DecisionColumns.full) FROM decision WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound(id: id)
            }
            let current = DecisionColumns.decision(from: row)
            if let expectedVersion, current.version != expectedVersion { throw StoreError.conflict(id: id) }
            let rules = try loadRules(db)
            let result = Workflow.apply(request, to: current, rules: rules, calendar: calendar)
            guard case .success(let outcome) = result else { return result }
            try storeTransition(db, id: id, current: current, outcome: outcome, login: request.actor.login, rules: rules,
                                extraChanges: extraAudit)
            var stored = outcome
            stored.decision.id = id
            stored.decision.version = current.version + 1
            return .success(stored)
        }
    }

    /// Writes an allowed transition's result, its search entry and its audit entry (inside a
    /// write transaction); a record changed meanwhile is a conflict and nothing is written.
    func storeTransition(_ db: Database, id: Int64, current: Decision, outcome: TransitionOutcome, login: String,
                         rules: CouncilRules, extraChanges: [FieldChange]) throws {
        let next = nextDeadline(for: outcome.decision, rules: rules)
        let assignments = DecisionColumns.writable.map { "\($0) = ?" }.joined(separator: ", ")
        let meetingID: Int64? = try Int64.fetchOne(db, sql: "SELECT meeting_id FROM decision WHERE id = ?", arguments: [id])
        try db.execute(
            sql: "UPDATE decision SET \(assignments), version = version + 1 WHERE id = ? AND version = ?",
            arguments: StatementArguments(DecisionColumns.values(outcome.decision, meetingID: meetingID, nextDeadline: next)
                                          + [id, current.version]))
        guard db.changesCount == 1 else { throw StoreError.conflict(id: id) }
        try indexForSearch(outcome.decision, id: id, minutes: nil, db: db)
        try Self.appendAudit(db, decisionID: id, login: login, action: outcome.audit.action,
                             stageBefore: outcome.audit.stageBefore, stageAfter: outcome.audit.stageAfter,
                             reason: outcome.audit.reason, changes: outcome.audit.changes + extraChanges)
    }

    /// Outstanding deadlines across the register as of `today`, overdue first (most overdue
    /// first), then by date. `within` limits to deadlines up to that many working days ahead.
    public func dueDeadlines(today: CivilDate, within: Int? = nil, rules: CouncilRules? = nil, limit: Int = 1000) throws -> [DueDeadline] {
        let rules = try rules ?? self.rules()
        let calculator = DeadlineCalculator(rules: rules, calendar: calendar)
        // A horizon past the last supported date takes in every deadline there can be.
        let horizon = within.map { n in
            n >= calendar.workingDays(from: today, to: .latestSupported) ? .latestSupported : calendar.addingWorkingDays(max(0, n), to: today)
        }
        // The stored next deadline is never later than the live one, so this finds every candidate.
        let candidates = try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(DecisionColumns.summary) FROM decision WHERE next_deadline <= ? ORDER BY next_deadline, id LIMIT ?
                """, arguments: [horizon?.iso ?? "9999-12-30", limit * 4]).map(DecisionColumns.decision(from:))
        }
        var lines: [DueDeadline] = []
        for decision in candidates {
            for deadline in calculator.deadlines(for: decision, today: today) where deadline.isOutstanding {
                guard let date = deadline.date else { continue }
                if let horizon, date > horizon, !deadline.state.isOverdue { continue }
                lines.append(DueDeadline(decisionID: decision.id!, title: decision.title, deadline: deadline))
            }
        }
        // Open and proposed follow-up actions are due alongside the statutory deadlines.
        for action in try actions(.open, today: today, limit: limit) + actions(.proposed, today: today, limit: limit) {
            if let horizon, action.due > horizon { continue }
            let state: DeadlineState = action.due < today
                ? .overdue(workingDays: max(1, calendar.workingDays(from: action.due, to: today)))
                : .due(workingDays: calendar.workingDays(from: today, to: action.due))
            lines.append(DueDeadline(decisionID: action.decisionID ?? 0, title: action.text,
                                     deadline: Deadline(kind: .publication, date: action.due, state: state), actionID: action.id,
                                     isProposed: action.isProposed))
        }
        lines.sort { a, b in
            switch (a.deadline.state, b.deadline.state) {
            case (.overdue(let x), .overdue(let y)) where x != y: return x > y
            case (.overdue, .due): return true
            case (.due, .overdue): return false
            default:
                if a.deadline.date != b.deadline.date { return a.deadline.date! < b.deadline.date! }
                return a.decisionID < b.decisionID
            }
        }
        return Array(lines.prefix(limit))
    }
}

extension DeadlineState {
    public var isOverdue: Bool { if case .overdue = self { true } else { false } }
}
