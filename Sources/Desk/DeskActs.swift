import Foundation
import Decisions
import DecisionStore

/// What a person asks to do to one decision. The Desk fills in who and when.
public struct Act: Sendable, Equatable {
    public var kind: TransitionKind
    public var reason: String?
    public var scheduledFor: CivilDate?
    public var noticeDate: CivilDate?
    /// call-in: names typed in from a paper request (officers only, with `lateReason`-style reason).
    public var members: [String]
    public var outcome: CallInOutcome?
    public var amendments: String?
    public var consentBy: String?
    /// When the act really happened, if not today (rule P-BACKDATE: officers, with `lateReason`).
    public var occurredOn: CivilDate?
    /// Why the act is entered after the day it happened (a request that came by post).
    public var lateReason: String?

    public init(kind: TransitionKind, reason: String? = nil, scheduledFor: CivilDate? = nil, noticeDate: CivilDate? = nil,
                members: [String] = [], outcome: CallInOutcome? = nil, amendments: String? = nil, consentBy: String? = nil,
                occurredOn: CivilDate? = nil, lateReason: String? = nil) {
        self.kind = kind; self.reason = reason; self.scheduledFor = scheduledFor; self.noticeDate = noticeDate
        self.members = members; self.outcome = outcome; self.amendments = amendments; self.consentBy = consentBy
        self.occurredOn = occurredOn; self.lateReason = lateReason
    }
}

/// Why an act was refused: by the workflow's rules, or for want of a permission.
public enum ActRefusal: Error, Sendable, CustomStringConvertible {
    case workflow(TransitionRefusal)
    case permission(DeskRefusal)

    public var description: String {
        switch self {
        case .workflow(let refusal): "\(refusal.message). Rule: \(refusal.rule)."
        case .permission(let refusal): refusal.message + ". Rule \(refusal.rule.id): \(refusal.rule.entry.summary)"
        }
    }
}

/// An import refused for a date outside the supported range: `batch` is the position of
/// the file's records in the list given, so the caller can name the file.
public struct UnsupportedImportDate: Error, Sendable, CustomStringConvertible {
    public var batch: Int
    public var problem: DateOutOfRange
    public var description: String { problem.description + "; nothing was imported" }
}

/// A bulk import refused at one record; `ordinal` counts from 0 over every record it was given.
public struct BulkImportRefusal: Error, Sendable, CustomStringConvertible {
    public var ordinal: Int
    public var message: String
    public var description: String { message }
}

/// What signing a call-in did.
public enum CallInSignOutcome: Sendable {
    case recorded(signatures: Int, required: Int, signatories: [String])
    case calledIn(TransitionOutcome)
}

extension Desk {
    // MARK: Workflow acts

    /// The date an act is recorded under, and what the audit trail keeps about a late entry.
    /// Rule A-SYSTEM-DATE: acts are dated by the system clock; rule P-BACKDATE: only an officer
    /// or administrator records an earlier date, and gives the reason.
    func actDating(occurredOn: CivilDate?, lateReason: String?, what: String) throws -> (date: CivilDate, audit: [FieldChange]) {
        guard let occurred = occurredOn, occurred != actDate else { return (actDate, []) }
        if occurred > actDate {
            throw DeskRefusal(.actsOnTheSystemDate, message: "\(what) dated \(occurred.iso) is after today (\(actDate.iso) by the system clock)")
        }
        try require(.backdateAct, to: "recording \(what) on an earlier day (\(occurred.iso))")
        guard let reason = lateReason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else {
            throw DeskRefusal(.backdateAct, message: "\(what) on \(occurred.iso), entered on \(actDate.iso): give the reason it is recorded late (--late-because)")
        }
        return (occurred, [FieldChange(field: "recorded-late.occurred-on", before: nil, after: occurred.iso),
                           FieldChange(field: "recorded-late.reason", before: nil, after: reason)])
    }

    /// The request the workflow judges, with the actor and dates settled here.
    func request(for act: Act, date: CivilDate, today: CivilDate) throws -> TransitionRequest {
        // Dates typed into an act are held to the supported range like every other date coming in.
        _ = try act.scheduledFor?.requireSupported("the date the decision is scheduled for")
        _ = try act.noticeDate?.requireSupported("the notice date")
        _ = try act.occurredOn?.requireSupported("the date the act happened")
        if act.kind == .callIn && !act.members.isEmpty {
            // Names typed by someone else stand only as an officer's record of a paper request.
            try require(.recordPaperCallIn, to: "recording call-in signatures on behalf of members")
            if (act.lateReason ?? act.reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw DeskRefusal(.recordPaperCallIn, message: "give the reason the signatures are recorded on the members' behalf")
            }
        }
        return TransitionRequest(kind: act.kind, actor: actor, today: today, date: date, reason: act.reason,
                                 scheduledFor: act.scheduledFor, noticeDate: act.noticeDate, members: act.members,
                                 outcome: act.outcome, amendments: act.amendments, consentBy: act.consentBy)
    }

    /// What `act` would do to decision `id` as of the viewing date, or why it is refused; nothing is written.
    public func preview(id: Int64, _ act: Act) throws -> Result<TransitionOutcome, ActRefusal> {
        guard let stored = try store.decision(id: id) else { throw StoreError.notFound(id: id) }
        let request: TransitionRequest
        do {
            request = try self.request(for: act, date: act.occurredOn ?? viewingDate, today: max(viewingDate, act.occurredOn ?? viewingDate))
        } catch let refusal as DeskRefusal {
            return .failure(.permission(refusal))
        }
        let result = Workflow.apply(request, to: stored, rules: try store.rules(), calendar: calendar)
        return redacted(result, about: stored)
    }

    /// Performs `act` on decision `id`, dated by the system clock, if the rules and the actor's
    /// role allow; `expectedVersion` guards against a change made meanwhile. A refusal changes nothing.
    public func perform(id: Int64, _ act: Act, expectedVersion: Int? = nil) throws -> Result<TransitionOutcome, ActRefusal> {
        guard let stored = try store.decision(id: id) else { throw StoreError.notFound(id: id) }
        // Who may act comes first: a role that may not act is told so, whatever date it gives.
        if let refusal = Workflow.permissionRefusal(act.kind, stored, actor) {
            return redacted(.failure(refusal), about: stored)
        }
        let dating: (date: CivilDate, audit: [FieldChange])
        let request: TransitionRequest
        do {
            dating = try actDating(occurredOn: act.occurredOn, lateReason: act.lateReason, what: act.kind.rawValue)
            request = try self.request(for: act, date: dating.date, today: actDate)
        } catch let refusal as DeskRefusal {
            return .failure(.permission(refusal))
        }
        if act.kind == .callIn && act.members.isEmpty && actor.role == .member {
            // A member's call-in is a signature on the request: the call-in comes when enough have signed.
            return .failure(.permission(DeskRefusal(.signCallIn, message: "members call a decision in by signing its request: cabinet call-in sign \(id)")))
        }
        let result = try store.transition(id: id, request, expectedVersion: expectedVersion, extraAudit: dating.audit)
        switch result {
        case .success(let outcome): ActLog.done(actor, "\(act.kind.rawValue) #\(id): \(stored.stage.rawValue) → \(outcome.decision.stage.rawValue)")
        case .failure(let refusal): ActLog.refused(actor, "\(act.kind.rawValue) #\(id)", rule: refusal.id)
        }
        return redacted(result, about: stored)
    }

    private func redacted(_ result: Result<TransitionOutcome, TransitionRefusal>, about stored: Decision) -> Result<TransitionOutcome, ActRefusal> {
        switch result {
        case .success(var outcome):
            if !actor.mayRead(outcome.decision) {
                outcome.decision = outcome.decision.withholdingExemptInformation()
                outcome.warnings = outcome.warnings.map(stored.scrubbing)
                outcome.audit.reason = outcome.audit.reason.map { _ in stored.withheldNotice }
            }
            return .success(outcome)
        case .failure(var refusal):
            refusal.message = scrub(refusal.message, about: stored)
            return .failure(.workflow(refusal))
        }
    }

    // MARK: Call-in requests

    /// The actor signs decision `id`'s call-in request as themselves (opening it when none is
    /// pending). The decision is called in when the council's number of signatures is reached
    /// within the call-in period.
    public func signCallIn(id: Int64, grounds: String?) throws -> Result<CallInSignOutcome, ActRefusal> {
        do { try require(.signCallIn, to: "signing a call-in request") } catch let r as DeskRefusal { return .failure(.permission(r)) }
        let signature = CallInSignature(signatory: actor.login, signedOn: actDate, recordedBy: actor.login)
        return try sign(id: id, signature: signature, grounds: grounds, date: actDate)
    }

    /// An officer records a signature from a paper request, with the date it was signed and the
    /// reason it is entered by someone else (rule P-PAPER-CALL-IN).
    public func recordPaperSignature(id: Int64, member: String, signedOn: CivilDate?, reason: String?, grounds: String?) throws
        -> Result<CallInSignOutcome, ActRefusal> {
        let name = member.trimmingCharacters(in: .whitespacesAndNewlines)
        let dating: (date: CivilDate, audit: [FieldChange])
        do {
            try require(.recordPaperCallIn, to: "recording a call-in signature on a member's behalf")
            guard !name.isEmpty else { throw DeskRefusal(.recordPaperCallIn, message: "give the member's name as signed") }
            guard let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else {
                throw DeskRefusal(.recordPaperCallIn, message: "give the reason the signature is recorded on the member's behalf (--reason)")
            }
            dating = try actDating(occurredOn: signedOn, lateReason: reason, what: "a call-in signature")
        } catch let r as DeskRefusal {
            return .failure(.permission(r))
        }
        let signature = CallInSignature(signatory: name, signedOn: dating.date, recordedBy: actor.login, paperReason: reason)
        return try sign(id: id, signature: signature, grounds: grounds, date: dating.date)
    }

    private func sign(id: Int64, signature: CallInSignature, grounds: String?, date: CivilDate) throws -> Result<CallInSignOutcome, ActRefusal> {
        guard let stored = try store.decision(id: id) else { throw StoreError.notFound(id: id) }
        let template = TransitionRequest(kind: .callIn, actor: actor, today: actDate, date: date,
                                         reason: grounds?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty)
        switch try store.signCallIn(decisionID: id, signature: signature, request: template) {
        case .success(.pending(let request, let required)):
            return .success(.recorded(signatures: request.activeSignatories.count, required: required, signatories: request.activeSignatories))
        case .success(.calledIn(_, let outcome)):
            return redacted(.success(outcome), about: stored).map { .calledIn($0) }
        case .failure(let refusal):
            return redacted(.failure(refusal), about: stored).map { _ in .recorded(signatures: 0, required: 0, signatories: []) }
        }
    }

    /// The actor withdraws their own signature (an officer may withdraw a paper signature they recorded).
    public func withdrawCallInSignature(id: Int64, member: String? = nil) throws -> CallInRequest {
        let signatory = member ?? actor.login
        if signatory.lowercased() != actor.login.lowercased() {
            try require(.recordPaperCallIn, to: "withdrawing another member's call-in signature")
        } else {
            try require(.signCallIn, to: "withdrawing a call-in signature")
        }
        return try store.withdrawCallInSignature(decisionID: id, signatory: signatory, on: actDate, by: actor.login)
    }

    public func pendingCallIn(id: Int64) throws -> CallInRequest? { try store.pendingCallIn(decisionID: id) }

    // MARK: Register-wide writes

    /// Imports parsed records (rule P-IMPORT); one transaction, all or nothing.
    public func importRecords(_ records: [ImportedRecords], dryRun: Bool = false,
                              progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws -> ImportSummary {
        try require(.importRecords, to: "importing into the register")
        for (index, batch) in records.enumerated() {
            if let problem = batch.firstUnsupportedDate() { throw UnsupportedImportDate(batch: index, problem: problem) }
        }
        let summary = try store.importRecords(records, login: actor.login, dryRun: dryRun, progress: progress)
        if !dryRun {
            ActLog.done(actor, "import: \(summary.count(.created)) decisions created, \(summary.count(.updated)) updated, \(summary.count(.created, kind: "meeting")) meetings created")
        }
        return summary
    }

    /// `import --bulk`: adds new decisions in one transaction, all of them or none, with one
    /// audit entry per `audit` entry (a file) instead of one per record (rule P-IMPORT). The
    /// dates are checked as for any import; a record already in the register
    /// refuses the load, since a bulk load never rewrites what is there.
    public func bulkImport(dryRun: Bool = false, _ makeBatch: (Int) throws -> [Decision]?,
                           audit: (_ total: Int) -> [BulkLoadEntry]) throws -> Int {
        try require(.importRecords, to: "importing into the register")
        var ordinal = 0
        let total: Int
        do {
            total = try store.bulkImport(login: actor.login, dryRun: dryRun, { number in
                guard let batch = try makeBatch(number) else { return nil }
                for decision in batch {
                    if let problem = ImportedRecords(decisions: [decision]).firstUnsupportedDate() {
                        throw BulkImportRefusal(ordinal: ordinal, message: problem.description + "; nothing was imported")
                    }
                    ordinal += 1
                }
                return batch
            }, audit: audit)
        } catch let duplicate as BulkLoadDuplicate {
            throw BulkImportRefusal(ordinal: duplicate.ordinal, message: "\"\(duplicate.title)\" is already in the register (or twice in the load): "
                                    + "--bulk only adds new records; import without --bulk to update them. Nothing was imported")
        }
        if !dryRun { ActLog.done(actor, "bulk import: \(total) decisions added") }
        return total
    }

    /// Appends synthetic decisions (rule P-DEMO), only to a store holding nothing else (A-DEMO-STORE).
    public func generateDemo(reason: String, _ makeBatch: (Int) -> [Decision]?) throws -> Int {
        try require(.generateDemo, to: "writing a synthetic register")
        guard try store.holdsOnlyGeneratedRecords() else {
            throw DeskRefusal(.demoOnlyOnGeneratedStore,
                              message: "\(store.path) holds records that `cabinet demo` did not generate; give a new store with --store")
        }
        return try store.bulkInsert(login: actor.login, reason: reason, makeBatch)
    }

    /// Records a person's role (rule P-USERS).
    public func setPerson(_ person: Actor) throws {
        try require(.managePeople, to: "adding people or changing roles")
        try store.setPerson(person, by: actor)
        ActLog.done(actor, "role of \(person.login) set to \(person.role.rawValue)")
    }

    /// Changes the council's rules as one audited change (rule P-RULES).
    public func updateRules(_ change: (inout CouncilRules) throws -> Void) throws -> CouncilRules {
        try require(.changeRules, to: "changing the council's rules")
        return try store.updateRules(by: actor, change)
    }

    /// The call-in rule the register's own published (publication, effective) dates fit, and
    /// with `apply` that rule set as the council's (rule P-RULES, as `rules set`).
    public func inferCallInRule(apply: Bool) throws -> (inference: CallInRuleInference?, applied: CouncilRules?) {
        if apply { try require(.changeRules, to: "changing the council's rules") }
        var pairs: [CallInDatePair] = []
        try forEach(DecisionFilter(callInOnly: true)) { batch in
            for d in batch where d.isSubjectToCallIn {
                guard let effective = d.effectiveFrom, d.publicationDate != nil || d.decisionDate != nil else { continue }
                pairs.append(CallInDatePair(id: d.id, title: d.title, published: d.publicationDate, decided: d.decisionDate, effective: effective))
            }
        }
        guard let inference = CallInRuleInference.infer(pairs, calendar: calendar) else { return (nil, nil) }
        // Council rules count from publication, skipping bank holidays: another rule is reported, not set.
        guard apply, inference.rule.isExpressibleInCouncilRules else { return (inference, nil) }
        return (inference, try updateRules { rules in rules = inference.rule.applied(to: rules) })
    }

    /// Gives the store file to a unix group on this host (rule P-SHARE-STORE).
    public func share(group: String, readers: String?) throws -> ShareReport {
        try require(.shareStore, to: "sharing the store with a unix group")
        return try store.share(group: group, readers: readers)
    }

    // MARK: Follow-up and measures

    @discardableResult
    public func addAction(_ action: FollowUpAction) throws -> Int64 {
        try require(.manageActions, to: "adding an action")
        _ = try action.due.requireSupported("the action's due date")
        return try store.addAction(action, by: actor)
    }

    public func confirmAction(id: Int64, owner: String?) throws {
        try require(.manageActions, to: "confirming an action")
        try store.confirmAction(id: id, owner: owner, by: actor)
    }

    public func completeAction(id: Int64, occurredOn: CivilDate?, lateReason: String?) throws -> (done: FollowUpAction, next: FollowUpAction?) {
        try require(.manageActions, to: "completing an action")
        let dating = try actDating(occurredOn: occurredOn, lateReason: lateReason, what: "completing action #\(id)")
        return try store.completeAction(id: id, on: dating.date, by: actor)
    }

    @discardableResult
    public func saveMeasure(_ measure: Measure) throws -> Int64 {
        try require(.manageMeasures, to: "changing measures")
        _ = try measure.targetDate?.requireSupported("the measure's target date")
        for reading in measure.readings { _ = try reading.date.requireSupported("the reading's date") }
        return try store.saveMeasure(measure, by: actor)
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
