import Foundation
import Decisions
import DecisionStore

/// One decision as the person asking may see it, with everything a record view shows.
public struct DecisionRecord: Sendable {
    /// Already redacted for the actor.
    public var decision: Decision
    public var deadlines: [Deadline]
    /// The audit trail, redacted for the actor.
    public var history: [AuditEntry]
    /// The acts the actor may attempt on it now.
    public var transitions: [TransitionKind]
    public var actions: [FollowUpAction]
    /// A call-in request gathering signatures, if any.
    public var callInRequest: CallInRequest?
    /// The council's rules the deadlines were reckoned with.
    public var rules: CouncilRules
    /// Declarations of interest made on the agenda items it was taken under, as the actor may see them.
    public var declarations: [InterestDeclaration] = []
}

extension Desk {
    // MARK: The register

    /// The filter as the actor may run it: without the right to read exempt information, a
    /// search cannot see into exempt decisions' text.
    public func guarded(_ filter: DecisionFilter) -> DecisionFilter {
        var filter = filter
        filter.access = actor.mayReadAllExempt ? .full : .publicFieldsOnly
        return filter
    }

    public func count(_ filter: DecisionFilter, cap: Int? = nil) throws -> Int {
        try store.count(guarded(filter), cap: cap)
    }

    /// A count that another thread may abandon (see `QueryCancellation`).
    public func count(_ filter: DecisionFilter, cap: Int?, cancellation: QueryCancellation?) throws -> Int {
        try store.count(guarded(filter), cap: cap, cancellation: cancellation)
    }

    /// An estimate to show while a slow count runs, or nil (see `DecisionStore.estimatedCount`:
    /// never for someone from whom anything is withheld).
    public func estimatedCount(_ filter: DecisionFilter, cancellation: QueryCancellation?) throws -> Int? {
        try store.estimatedCount(guarded(filter), cancellation: cancellation)
    }

    /// Whether counting `filter` is a lookup in the kept counts rather than a scan.
    public func countIsKept(_ filter: DecisionFilter) -> Bool { store.countIsKept(guarded(filter)) }

    /// A window of the register, redacted. Rows without long texts unless `withTexts`.
    public func page(_ filter: DecisionFilter, offset: Int, limit: Int, fromEnd: Bool = false, withTexts: Bool = false) throws -> [Decision] {
        try store.page(guarded(filter), offset: offset, limit: limit, fromEnd: fromEnd, withTexts: withTexts).map { $0.visible(to: actor) }
    }

    /// Every matching decision in full, redacted, a batch at a time (exports).
    public func forEach(_ filter: DecisionFilter, batchSize: Int = 500, _ body: ([Decision]) throws -> Void) throws {
        try store.forEach(guarded(filter), batchSize: batchSize) { batch in try body(batch.map { $0.visible(to: actor) }) }
    }

    /// One decision, redacted.
    public func decision(id: Int64) throws -> Decision? {
        try store.decision(id: id)?.visible(to: actor)
    }

    /// Everything the record view shows, read once: the record, its deadlines as of the
    /// viewing date, its audit trail and actions (all redacted), and the acts on offer.
    public func record(id: Int64) throws -> DecisionRecord? {
        guard let snapshot = try store.recordSnapshot(id: id) else { return nil }
        let stored = snapshot.decision, rules = snapshot.rules
        let readsInFull = actor.mayRead(stored)
        return DecisionRecord(
            decision: readsInFull ? stored : stored.withholdingExemptInformation(),
            deadlines: DeadlineCalculator(rules: rules, calendar: calendar).deadlines(for: stored, today: viewingDate),
            history: readsInFull ? snapshot.history : snapshot.history.map { $0.withholding(for: stored) },
            transitions: Workflow.available(for: stored, actor: actor, rules: rules, calendar: calendar),
            actions: readsInFull ? snapshot.actions : snapshot.actions.map { $0.withholding(for: stored) },
            callInRequest: snapshot.pendingCallIn, rules: rules,
            declarations: try store.declarations(decisionID: id).map { $0.visible(to: actor, about: stored) })
    }

    /// The audit trail of one decision, redacted.
    public func history(decisionID: Int64) throws -> [AuditEntry] {
        // A duplicate removed from the register keeps its history.
        guard let stored = try store.decision(id: decisionID) ?? store.removedDecision(id: decisionID)?.decision else {
            throw StoreError.notFound(id: decisionID)
        }
        let entries = try store.history(decisionID: decisionID)
        return actor.mayRead(stored) ? entries : entries.map { $0.withholding(for: stored) }
    }

    public func changeToken() throws -> Int64 { try store.changeToken() }

    // MARK: Deadlines, actions, measures

    /// Outstanding deadlines and actions across the register as of the viewing date, redacted.
    public func due(within: Int? = nil, limit: Int = 1000) throws -> [DueDeadline] {
        let rules = try store.rules()
        let lines = try store.dueDeadlines(today: viewingDate, within: within, rules: rules, limit: limit)
        var unreadable: [Int64: Decision] = [:]
        try lookUpUnreadable(lines.filter { $0.actionID != nil }.map(\.decisionID), into: &unreadable)
        return lines.map { line in
            guard line.actionID != nil, let decision = unreadable[line.decisionID] else { return line }
            var redacted = line
            redacted.title = "Follow-up of an exempt decision. " + decision.withheldNotice
            return redacted
        }
    }

    /// Follow-up actions, redacted.
    public func actions(_ selection: ActionSelection = .all, owner: String? = nil, limit: Int = 1000) throws -> [FollowUpAction] {
        let actions = try store.actions(selection, owner: owner, today: viewingDate, limit: limit)
        var unreadable: [Int64: Decision] = [:]
        try lookUpUnreadable(actions.compactMap(\.decisionID), into: &unreadable)
        return actions.map { action in
            action.decisionID.flatMap { unreadable[$0] }.map(action.withholding(for:)) ?? action
        }
    }

    /// Measures hold figures published in plans and highlight reports: public information.
    public func measures(plan: String? = nil) throws -> [Measure] { try store.measures(plan: plan) }

    /// The decisions among `ids` the actor may not read in full.
    private func lookUpUnreadable(_ ids: [Int64], into found: inout [Int64: Decision]) throws {
        guard !actor.mayReadAllExempt else { return }
        for decision in try store.decisions(ids: ids.filter { $0 != 0 }) where !actor.mayRead(decision) {
            found[decision.id!] = decision
        }
    }

    // MARK: Meetings

    public func meetingCount() throws -> Int { try store.meetingCount() }

    public func meetings(offset: Int, limit: Int) throws -> [Meeting] { try store.meetings(offset: offset, limit: limit) }

    /// A meeting with its agenda in order, restricted items redacted.
    public func agenda(meetingID: Int64) throws -> (Meeting, [AgendaItem])? {
        guard let (meeting, items) = try store.meeting(id: meetingID) else { return nil }
        return (meeting, items.map { $0.visible(to: actor) })
    }

    // MARK: Rules, people, audit

    /// The council's rules, read from the store.
    public func rules() throws -> CouncilRules { try store.rules() }

    public func people() throws -> [Actor] { try store.people() }

    public func verifyAudit(since checkpoint: AuditCheckpoint? = nil) throws -> AuditVerification {
        try store.verifyAudit(since: checkpoint)
    }

    /// The chain head to keep outside the store (the trail is public record: anyone may read it).
    public func auditCheckpoint() throws -> AuditCheckpoint? { try store.auditCheckpoint() }

    /// Deadlines of one decision as of the viewing date under `rules`.
    public func deadlines(for decision: Decision, rules: CouncilRules) -> [Deadline] {
        DeadlineCalculator(rules: rules, calendar: calendar).deadlines(for: decision, today: viewingDate)
    }

    /// `text` as the actor may see it when it may quote decision `id` (refusals, warnings).
    func scrub(_ text: String, about decision: Decision) -> String {
        actor.mayRead(decision) ? text : decision.scrubbing(text)
    }
}
