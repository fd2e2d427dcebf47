/// Every act the workflow knows, declared once with its label, help text, roles, whether it
/// needs a reason, and the stages it applies from and may lead to.
///
/// Design: notices and consents are put on the record by their own acts
/// (`record-papers`, `record-general-exception`, `record-special-urgency`; the forward-plan
/// notice date is a parameter of `schedule`), so the approve guard reads only the record.
/// Time-driven changes are explicit acts too: `mark-effective` records that the call-in
/// period ended without a call-in (`implement` also accepts a published decision whose
/// effective date has arrived).
///
/// The stage is the only truth about where a decision stands: acts move it and never write
/// `Decision.status`, which stays the status the publisher published.
public enum TransitionKind: String, CaseIterable, Codable, Sendable {
    case schedule
    case recordPapers = "record-papers"
    case recordGeneralException = "record-general-exception"
    case recordSpecialUrgency = "record-special-urgency"
    case approve
    case approveWithAmendments = "approve-with-amendments"
    case reject
    case `defer`
    case withdraw
    case publish
    case callIn = "call-in"
    case resolveCallIn = "resolve-call-in"
    case reconsider
    case waiveCallIn = "waive-call-in"
    case markEffective = "mark-effective"
    case implement

    public var label: String {
        switch self {
        case .schedule: "Schedule"
        case .recordPapers: "Record papers published"
        case .recordGeneralException: "Record general exception"
        case .recordSpecialUrgency: "Record special urgency"
        case .approve: "Approve"
        case .approveWithAmendments: "Approve with amendments"
        case .reject: "Reject"
        case .defer: "Defer"
        case .withdraw: "Withdraw"
        case .publish: "Publish"
        case .callIn: "Call in"
        case .resolveCallIn: "Resolve call-in"
        case .reconsider: "Reconsider"
        case .waiveCallIn: "Waive call-in"
        case .markEffective: "Mark effective"
        case .implement: "Implement"
        }
    }

    public var help: String {
        switch self {
        case .schedule: "Set the date the decision is to be taken (and the date its notice of key decision was published)."
        case .recordPapers: "Record the date the agenda and report were published (due 5 clear days before the meeting)."
        case .recordGeneralException: "Record written notice to the scrutiny chair that 28 days' notice is impracticable (reg 10); 5 clear days must then pass."
        case .recordSpecialUrgency: "Record the scrutiny chair's agreement that the key decision is urgent and cannot reasonably be deferred (reg 11)."
        case .approve: "Take the decision as recommended (key decisions need 28 clear days' notice or an exception)."
        case .approveWithAmendments: "Take the decision with amendments, recorded as a resolution."
        case .reject: "Reject the recommendations, with reasons."
        case .defer: "Defer the decision to a later date, with reasons."
        case .withdraw: "Withdraw the item, with reasons."
        case .publish: "Publish the record of the decision (needs reasons and alternatives considered, regs 12-13); the call-in period starts."
        case .callIn: "Call the decision in for scrutiny during the call-in period (scrutiny chair, or the required number of members)."
        case .resolveCallIn: "Record scrutiny's outcome: no further action, refer back to the decision maker, or refer to full Council."
        case .reconsider: "The decision maker confirms or amends the decision after a referral; it then takes effect."
        case .waiveCallIn: "Exempt an urgent decision from call-in with the scrutiny chair's agreement that delay would seriously prejudice the public interest."
        case .markEffective: "Record that the call-in period ended without a call-in: the decision is effective."
        case .implement: "Record that the decision has been implemented (not before it is effective)."
        }
    }

    /// Roles that may perform it, the most specific first (the first is the role named when refused).
    public var roles: [Role] {
        switch self {
        case .schedule, .recordPapers, .recordGeneralException, .publish, .markEffective: [.officer, .admin]
        case .recordSpecialUrgency, .waiveCallIn, .resolveCallIn: [.scrutinyChair, .officer, .admin]
        case .approve, .approveWithAmendments, .reject, .reconsider, .defer, .withdraw: [.decisionMaker, .officer, .admin]
        case .callIn: [.scrutinyChair, .member, .officer, .admin]
        case .implement: [.officer, .decisionMaker, .admin]
        }
    }

    public var requiresReason: Bool {
        switch self {
        case .schedule, .recordPapers, .approve, .approveWithAmendments, .publish, .markEffective, .implement: false
        case .recordGeneralException, .recordSpecialUrgency, .reject, .defer, .withdraw, .callIn, .resolveCallIn,
             .reconsider, .waiveCallIn: true
        }
    }

    /// Stages it applies from.
    public var fromStages: [Stage] {
        switch self {
        case .schedule, .recordGeneralException, .recordSpecialUrgency: [.proposed, .deferred]
        case .recordPapers, .approve, .approveWithAmendments, .reject, .defer: [.proposed]
        case .withdraw: [.proposed, .deferred]
        case .publish: [.decided, .rejected]
        case .callIn, .markEffective: [.published]
        case .resolveCallIn, .reconsider: [.calledIn]
        case .waiveCallIn: [.decided, .published]
        case .implement: [.published, .effective]
        }
    }

    /// Stages it may lead to.
    public var toStages: [Stage] {
        switch self {
        case .schedule: [.proposed]
        case .recordGeneralException, .recordSpecialUrgency: [.proposed, .deferred]
        case .recordPapers: [.proposed]
        case .approve, .approveWithAmendments: [.decided]
        case .reject: [.rejected]
        case .defer: [.deferred]
        case .withdraw: [.withdrawn]
        case .publish: [.published, .effective, .rejected]
        case .callIn: [.calledIn]
        case .resolveCallIn: [.effective, .calledIn]
        case .reconsider: [.effective]
        case .waiveCallIn: [.decided, .effective]
        case .markEffective: [.effective]
        case .implement: [.implemented]
        }
    }

    /// Acts a decision maker takes (they may take them only for their own maker names; an
    /// officer may record them only for bodies that decide at meetings).
    public var isDecisionMakersAct: Bool {
        switch self {
        case .approve, .approveWithAmendments, .reject, .reconsider: true
        default: false
        }
    }

    /// The rules every act checks: role, stage, reason and date.
    public static let rulesOfEveryAct: [RuleID] = [.transitionRole, .lifecycle, .reasonForTheAct, .actsNotAfterToday]

    /// The rules this act checks or warns of beyond `rulesOfEveryAct`, in the order it checks them.
    public var rules: [RuleID] {
        switch self {
        case .schedule: [.scheduleForADateToCome, .noticeRecordedOncePublished, .keyDecisionNotice]
        case .recordPapers: [.meetingPapers]
        case .recordGeneralException: [.exceptionsAreForKeyDecisions, .generalException]
        case .recordSpecialUrgency: [.exceptionsAreForKeyDecisions, .specialUrgency]
        case .approve: [.ownDecisionsOnly, .officersRecordMeetings, .keyDecisionNotice]
        case .approveWithAmendments: [.ownDecisionsOnly, .officersRecordMeetings, .keyDecisionNotice, .recordStatesTheDecision]
        case .reject: [.ownDecisionsOnly, .officersRecordMeetings]
        case .defer, .withdraw: [.ownDecisionsOnly]
        case .publish: [.recordStatesReasons, .recordStatesTheDecision, .publishedAfterTheDecision, .publicationTarget]
        case .callIn: [.callInOnlyWhenSubject, .urgentExemptFromCallIn, .calledInOnce, .callInPeriod, .callInSignatures]
        case .resolveCallIn: [.resolvedOnce, .callInOutcome, .scrutinyMeetsAfterCallIn]
        case .reconsider: [.ownDecisionsOnly, .officersRecordMeetings, .reconsiderAfterReferral]
        case .waiveCallIn: [.callInOnlyWhenSubject, .urgentExemptFromCallIn, .calledInOnce, .waiverNeedsConsent, .waiverBeforePeriodEnds]
        case .markEffective: [.effectiveWhenPeriodEnds]
        case .implement: [.ownDecisionsOnly, .implementWhenEffective]
        }
    }

    /// Accepts the kebab-case raw value.
    public init?(text: String) { self.init(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) }
}

/// A request to perform one act on one decision.
public struct TransitionRequest: Sendable {
    public var kind: TransitionKind
    public var actor: Actor
    /// The effective date of the act (the decision date for approve, publication date for
    /// publish, ...). Defaults to `today`; may not be after `today`.
    public var date: CivilDate
    public var today: CivilDate
    public var reason: String?
    /// schedule: the date the decision is to be taken.
    public var scheduledFor: CivilDate?
    /// schedule: the date the notice of key decision was published (forward plan).
    public var noticeDate: CivilDate?
    /// call-in: the members who signed it.
    public var members: [String]
    /// resolve-call-in: scrutiny's outcome.
    public var outcome: CallInOutcome?
    /// approve-with-amendments (required), reconsider (optional: amends rather than confirms).
    public var amendments: String?
    /// record-special-urgency, waive-call-in: who agreed, when an officer records it
    /// (a scrutiny chair acting is taken as agreeing themselves).
    public var consentBy: String?

    public init(kind: TransitionKind, actor: Actor, today: CivilDate, date: CivilDate? = nil, reason: String? = nil,
                scheduledFor: CivilDate? = nil, noticeDate: CivilDate? = nil, members: [String] = [],
                outcome: CallInOutcome? = nil, amendments: String? = nil, consentBy: String? = nil) {
        self.kind = kind; self.actor = actor; self.today = today; self.date = date ?? today; self.reason = reason
        self.scheduledFor = scheduledFor; self.noticeDate = noticeDate; self.members = members
        self.outcome = outcome; self.amendments = amendments; self.consentBy = consentBy
    }
}

/// The result of an allowed act: the updated decision (version not bumped: the store does
/// that), what goes on the audit log, and warnings that do not prevent the act (each
/// beginning with its rule's id, e.g. "R-PAPERS-5-DAYS: papers published ...").
public struct TransitionOutcome: Sendable {
    public var decision: Decision
    public var audit: AuditDraft
    public var warnings: [String]

    public init(decision: Decision, audit: AuditDraft, warnings: [String] = []) {
        self.decision = decision; self.audit = audit; self.warnings = warnings
    }
}

/// Why an act was refused: the rule book's id for the rule, and the facts, with dates.
public struct TransitionRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// The rule that refused it.
    public var id: RuleID
    /// What is wrong, with the dates (and the council's settings) involved.
    public var message: String
    /// Set when the refusal is for want of a role (or of being this decision's maker).
    public var missingRole: Role?

    public init(_ id: RuleID, message: String, missingRole: Role? = nil) {
        self.id = id; self.message = message; self.missingRole = missingRole
    }

    /// The rule cited, from the rule book: e.g. "R-KEY-NOTICE-28: Reg 9, SI 2012/2089: 28 clear days' notice of a key decision".
    public var rule: String { "\(id.id): \(id.entry.citation)" }

    public var description: String { "\(message) (\(rule))" }
}

/// The lifecycle of a decision and every act with its guards. Pure: the caller passes the
/// date and the rules; nothing is stored.
public enum Workflow {
    /// Performs `request` on `decision`, or refuses it citing the rule.
    public static func apply(_ request: TransitionRequest, to decision: Decision, rules: CouncilRules,
                             calendar: WorkingCalendar) -> Result<TransitionOutcome, TransitionRefusal> {
        let calc = DeadlineCalculator(rules: rules, calendar: calendar)
        if let refusal = permissionRefusal(request.kind, decision, request.actor)
            ?? stageRefusal(request.kind, decision)
            ?? structuralRefusal(request.kind, decision, calc) {
            return .failure(refusal)
        }
        let reason = request.reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if request.kind.requiresReason && (reason ?? "").isEmpty {
            return .failure(TransitionRefusal(.reasonForTheAct, message: "give a reason for \(request.kind.rawValue)"))
        }
        if request.date > request.today {
            return .failure(TransitionRefusal(.actsNotAfterToday, message: "\(request.kind.rawValue) dated \(request.date.iso) is after today (\(request.today.iso))"))
        }
        var after = decision
        var warnings: [String] = []
        let context = Context(request: request, reason: (reason ?? "").isEmpty ? nil : reason, calc: calc, rules: rules)
        if let refusal = perform(context, on: &after, warnings: &warnings) { return .failure(refusal) }
        let audit = AuditDraft(action: request.kind.rawValue, stageBefore: decision.stage, stageAfter: after.stage,
                               reason: context.reason, changes: FieldChange.changes(from: decision, to: after))
        return .success(TransitionOutcome(decision: after, audit: audit, warnings: warnings))
    }

    /// The kinds `actor` may perform on `decision` in its stage (role, maker and the
    /// record's flags; date guards are left to `apply`, which explains its refusals).
    public static func available(for decision: Decision, actor: Actor, rules: CouncilRules = CouncilRules(),
                                 calendar: WorkingCalendar = .englandAndWales) -> [TransitionKind] {
        let calc = DeadlineCalculator(rules: rules, calendar: calendar)
        return TransitionKind.allCases.filter {
            permissionRefusal($0, decision, actor) == nil && stageRefusal($0, decision) == nil
                && structuralRefusal($0, decision, calc) == nil
        }
    }

    // MARK: - Guards shared by apply and available

    /// Whether `actor` may perform `kind` on `d` at all (role, own decisions, meetings), before any date or content.
    public static func permissionRefusal(_ kind: TransitionKind, _ d: Decision, _ actor: Actor) -> TransitionRefusal? {
        guard kind.roles.contains(actor.role) else {
            let names = kind.roles.map(\.label)
            let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names[0]
            return TransitionRefusal(
                .transitionRole,
                message: "\(actor.login) is \(actor.role == .admin || actor.role == .officer ? "an" : "a") \(actor.role.label) and may not \(kind.rawValue); "
                    + "it needs the role of \(list)",
                missingRole: kind.roles[0])
        }
        if actor.role == .decisionMaker && (kind.isDecisionMakersAct || kind == .defer || kind == .withdraw || kind == .implement),
           !actor.decides(for: d.decisionMaker) {
            let own = actor.makers.isEmpty ? "no decision maker" : actor.makers.joined(separator: "; ")
            return TransitionRefusal(
                .ownDecisionsOnly, message: "\(actor.login) decides for \(own), not for \(d.decisionMaker)", missingRole: .decisionMaker)
        }
        if actor.role == .officer && kind.isDecisionMakersAct {
            switch d.makerKind {
            case .cabinet, .committee: break
            case .individualMember, .officer:
                return TransitionRefusal(
                    .officersRecordMeetings,
                    message: "\(d.decisionMaker) is \(d.makerKind == .officer ? "an officer decision" : "an individual member decision"); "
                        + "only that decision maker (or an administrator) may \(kind.rawValue)",
                    missingRole: .decisionMaker)
            }
        }
        return nil
    }

    static func stageRefusal(_ kind: TransitionKind, _ d: Decision) -> TransitionRefusal? {
        guard !kind.fromStages.contains(d.stage) else { return nil }
        let stages = kind.fromStages.map(\.label)
        let list = stages.count > 1 ? stages.dropLast().joined(separator: ", ") + " or " + stages.last! : stages[0]
        return TransitionRefusal(.lifecycle, message: "\(kind.rawValue) applies to a decision that is \(list); the decision is \(d.stage.label)")
    }

    /// Refusals that follow from the record's flags alone (no dates).
    static func structuralRefusal(_ kind: TransitionKind, _ d: Decision, _ calc: DeadlineCalculator) -> TransitionRefusal? {
        let p = d.procedure
        switch kind {
        case .recordGeneralException where !d.isKeyDecision:
            return TransitionRefusal(.exceptionsAreForKeyDecisions, message: "the decision is not a key decision")
        case .recordSpecialUrgency where !d.isKeyDecision:
            return TransitionRefusal(.exceptionsAreForKeyDecisions, message: "the decision is not a key decision")
        case .callIn, .waiveCallIn:
            if !d.isSubjectToCallIn {
                return TransitionRefusal(.callInOnlyWhenSubject, message: "the record says the decision is not subject to call-in")
            }
            if d.isUrgent {
                return TransitionRefusal(.urgentExemptFromCallIn, message: "the decision was taken as urgent" + (d.urgencyReason.map { ": \($0)" } ?? ""))
            }
            if p.callInWaived {
                return TransitionRefusal(.urgentExemptFromCallIn, message: "call-in was waived" + (p.callInWaivedBy.map { " with the agreement of \($0)" } ?? ""))
            }
            if let calledIn = p.calledInDate {
                return TransitionRefusal(.calledInOnce, message: "the decision was called in on \(calledIn.iso)")
            }
        case .resolveCallIn:
            if let outcome = p.callInOutcome {
                return TransitionRefusal(.resolvedOnce, message: "scrutiny already resolved: \(CallInOutcome(rawValue: outcome)?.label ?? outcome)"
                                            + (p.callInResolvedDate.map { " on \($0.iso)" } ?? ""))
            }
        case .reconsider:
            let outcome = p.callInOutcome.flatMap(CallInOutcome.init(rawValue:))
            if outcome != .referBack && outcome != .referToCouncil {
                return TransitionRefusal(
                    .reconsiderAfterReferral,
                    message: outcome == nil ? "scrutiny has not yet resolved the call-in" : "scrutiny resolved: \(outcome!.label)")
            }
        default: break
        }
        return nil
    }

    // MARK: - Acts

    struct Context {
        var request: TransitionRequest
        var reason: String?
        var calc: DeadlineCalculator
        var rules: CouncilRules
        var date: CivilDate { request.date }
        var calendar: WorkingCalendar { calc.calendar }
    }

    /// Performs the act on `d` (already checked for role, stage, flags, reason and date);
    /// returns a refusal when a date or content guard fails.
    static func perform(_ c: Context, on d: inout Decision, warnings: inout [String]) -> TransitionRefusal? {
        let date = c.date
        switch c.request.kind {
        case .schedule:
            guard let day = c.request.scheduledFor else {
                return TransitionRefusal(.scheduleForADateToCome, message: "give the date the decision is to be taken")
            }
            guard day >= date else {
                return TransitionRefusal(.scheduleForADateToCome, message: "\(day.iso) is before \(date.iso)")
            }
            if let notice = c.request.noticeDate, notice > c.request.today {
                return TransitionRefusal(.noticeRecordedOncePublished, message: "notice date \(notice.iso) is after today (\(c.request.today.iso))")
            }
            d.procedure.scheduledFor = day
            if let notice = c.request.noticeDate { d.procedure.noticeDate = notice }
            d.stage = .proposed
            if d.isKeyDecision, let problem = noticeProblem(d, on: day, c) {
                warnings.append(warning(.keyDecisionNotice, problem + ": record a general exception or special urgency, or move the date"))
            }

        case .recordPapers:
            d.procedure.papersPublishedDate = date
            if let meeting = c.calc.meetingDay(of: d) {
                let latest = c.calc.latestPapersDate(before: meeting)
                if date > latest {
                    warnings.append(warning(.meetingPapers, "papers published \(date.iso) are late for the meeting on \(meeting.iso): due by \(latest.iso)"))
                }
            }

        case .recordGeneralException:
            d.procedure.generalExceptionDate = date
            if let day = c.calc.decisionDay(of: d) {
                let clear = c.calendar.clearDays(between: date, and: day)
                if clear < c.rules.generalExceptionNoticeClearDays {
                    warnings.append(warning(.generalException, "general exception notice \(date.iso) gives \(clear) clear days before \(day.iso); "
                                    + "\(c.rules.generalExceptionNoticeClearDays) required (reg 10): the decision must wait until "
                                    + date.adding(days: c.rules.generalExceptionNoticeClearDays + 1).iso))
                }
            }

        case .recordSpecialUrgency:
            guard let consent = consent(c) else {
                return TransitionRefusal(
                    .specialUrgency,
                    message: "record who agreed that the decision is urgent and cannot reasonably be deferred")
            }
            d.procedure.specialUrgencyConsent = consent
            d.urgencyReason = c.reason

        case .approve, .approveWithAmendments:
            if d.isKeyDecision, let problem = noticeProblem(d, on: date, c) {
                return TransitionRefusal(.keyDecisionNotice, message: problem)
            }
            if c.request.kind == .approveWithAmendments {
                guard let amendments = trimmed(c.request.amendments) else {
                    return TransitionRefusal(.recordStatesTheDecision, message: "give the amendments")
                }
                d.resolutions.append(Resolution(label: "Amendment", text: amendments))
            }
            d.stage = .decided
            d.decisionDate = date

        case .reject:
            d.stage = .rejected
            d.decisionDate = date

        case .defer:
            d.stage = .deferred

        case .withdraw:
            d.stage = .withdrawn

        case .publish:
            var missing: [String] = []
            if trimmed(d.reasons) == nil { missing.append("reasons for the decision") }
            if trimmed(d.alternatives) == nil { missing.append("alternative options considered and rejected") }
            if !missing.isEmpty {
                return TransitionRefusal(
                    .recordStatesReasons,
                    message: "the record has no " + missing.joined(separator: " and no "))
            }
            guard let decided = d.decisionDate else {
                return TransitionRefusal(.recordStatesTheDecision, message: "the record has no decision date")
            }
            guard date >= decided else {
                return TransitionRefusal(.publishedAfterTheDecision, message: "publication date \(date.iso) is before the decision date \(decided.iso)")
            }
            d.publicationDate = date
            let target = c.calendar.addingWorkingDays(c.rules.publicationTargetWorkingDays, to: decided)
            if date > target {
                warnings.append(warning(.publicationTarget, "published \(date.iso), after the target of \(c.rules.publicationTargetWorkingDays) working days (\(target.iso))"))
            }
            // A rejection is published as it stands: nothing to call in or bring into effect.
            if d.stage != .rejected {
                if c.calc.isCallable(d) {
                    d.stage = .published
                    d.effectiveFrom = c.calc.ruleEffectiveDate(for: d)
                } else {
                    d.stage = .effective
                    if d.effectiveFrom == nil { d.effectiveFrom = decided }
                }
            }

        case .callIn:
            guard let published = d.publicationDate else {
                return TransitionRefusal(.callInPeriod, message: "the record has no publication date")
            }
            let end = c.calc.callInEnd(publishedOn: published)
            if date < published {
                return TransitionRefusal(.callInPeriod, message: "call-in on \(date.iso) is before publication on \(published.iso)")
            }
            if date > end {
                return TransitionRefusal(.callInPeriod, message: "the call-in period of \(c.rules.callInPeriodWorkingDays) working days for the decision published "
                                            + "\(published.iso) ended \(end.iso); call-in on \(date.iso) is too late")
            }
            let actor = c.request.actor
            var members: [String] = []
            for m in c.request.members + (actor.role == .member ? [actor.login] : []) {
                let name = m.trimmingCharacters(in: .whitespacesAndNewlines)
                if !name.isEmpty && !members.contains(where: { $0.lowercased() == name.lowercased() }) { members.append(name) }
            }
            let required = c.rules.callInMembersRequired
            let chairAlone = actor.role == .scrutinyChair && c.rules.scrutinyChairAloneMayCallIn
            if !chairAlone && members.count < required {
                let signed = members.isEmpty ? "no signatories" : "\(members.count) signator\(members.count == 1 ? "y" : "ies") (\(members.joined(separator: ", ")))"
                let chair = actor.role == .scrutinyChair ? " (the council's rules do not let the scrutiny chair call in alone)" : ""
                return TransitionRefusal(.callInSignatures, message: "\(signed); \(required) required\(chair)")
            }
            d.procedure.calledInDate = date
            d.procedure.callInMembers = chairAlone && members.isEmpty ? [actor.login] : members
            d.procedure.callInOutcome = nil
            d.stage = .calledIn
            d.effectiveFrom = nil

        case .resolveCallIn:
            guard let outcome = c.request.outcome else {
                return TransitionRefusal(
                    .callInOutcome,
                    message: "give the outcome: " + CallInOutcome.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if let calledIn = d.procedure.calledInDate, date < calledIn {
                return TransitionRefusal(.scrutinyMeetsAfterCallIn, message: "resolution on \(date.iso) is before the call-in on \(calledIn.iso)")
            }
            d.procedure.callInOutcome = outcome.rawValue
            d.procedure.callInResolvedDate = date
            if let calledIn = d.procedure.calledInDate {
                let latest = c.calendar.addingWorkingDays(c.rules.scrutinyMeetingWithinWorkingDays, to: calledIn)
                if date > latest { warnings.append(warning(.scrutinyMeetsAfterCallIn, "scrutiny met \(date.iso), after the latest date \(latest.iso)")) }
            }
            // A referral leaves the decision called in until the decision maker reconsiders.
            if outcome == .noFurtherAction {
                d.stage = .effective
                d.effectiveFrom = date
            }

        case .reconsider:
            if let resolved = d.procedure.callInResolvedDate, date < resolved {
                return TransitionRefusal(.reconsiderAfterReferral, message: "reconsideration on \(date.iso) is before the referral on \(resolved.iso)")
            }
            d.procedure.reconsideredDate = date
            if let amendments = trimmed(c.request.amendments) {
                d.resolutions.append(Resolution(label: "Amendment", text: amendments))
            }
            d.stage = .effective
            d.effectiveFrom = date

        case .waiveCallIn:
            guard let consent = consent(c) else {
                return TransitionRefusal(
                    .waiverNeedsConsent,
                    message: "record who agreed to waive call-in")
            }
            if d.stage == .published, let published = d.publicationDate {
                let end = c.calc.callInEnd(publishedOn: published)
                if date > end {
                    return TransitionRefusal(.waiverBeforePeriodEnds, message: "the call-in period ended \(end.iso); nothing to waive on \(date.iso)")
                }
            }
            d.procedure.callInWaived = true
            d.procedure.callInWaivedBy = consent
            if d.urgencyReason == nil { d.urgencyReason = c.reason }
            if d.stage == .published {
                d.stage = .effective
                d.effectiveFrom = max(date, d.decisionDate ?? date)
            }

        case .markEffective:
            let effective: CivilDate
            switch effectiveDate(d, on: date, rule: .effectiveWhenPeriodEnds, noDate: "no effective date can be worked out: the record has no publication date", c) {
            case .success(let day): effective = day
            case .failure(let refusal): return refusal
            }
            d.stage = .effective
            if d.effectiveFrom == nil { d.effectiveFrom = effective }

        case .implement:
            let effective: CivilDate
            switch effectiveDate(d, on: date, rule: .implementWhenEffective, noDate: "no effective date can be worked out for the decision", c) {
            case .success(let day): effective = day
            case .failure(let refusal): return refusal
            }
            d.stage = .implemented
            if d.effectiveFrom == nil { d.effectiveFrom = effective }
        }
        return nil
    }

    // MARK: - Helpers

    /// A warning names its rule as a refusal does, so the reader can look it up.
    static func warning(_ rule: RuleID, _ text: String) -> String { "\(rule.id): \(text)" }

    /// The date the decision is effective, or the refusal of an act that must wait for it.
    private static func effectiveDate(_ d: Decision, on date: CivilDate, rule: RuleID, noDate: String,
                                      _ c: Context) -> Result<CivilDate, TransitionRefusal> {
        guard let effective = c.calc.effectiveDate(for: d) else {
            return .failure(TransitionRefusal(rule, message: noDate))
        }
        if date < effective {
            return .failure(TransitionRefusal(rule, message: implementationTiming(d, effective: effective, on: date, c)))
        }
        return .success(effective)
    }

    /// Why a key decision on `day` lacks valid notice, with the dates; nil when it has
    /// 28 clear days' notice, a valid general exception, or special urgency.
    static func noticeProblem(_ d: Decision, on day: CivilDate, _ c: Context) -> String? {
        let latest = c.calc.latestKeyDecisionNotice(before: day)
        if let notice = d.procedure.noticeDate, notice <= latest { return nil }
        if c.calc.noticeException(for: d, on: day) != nil { return nil }
        let required = c.rules.keyDecisionNoticeClearDays
        var text: String
        if let notice = d.procedure.noticeDate {
            text = "notice published \(notice.iso) gives \(c.calendar.clearDays(between: notice, and: day)) clear days before \(day.iso); "
                + "\(required) required (latest notice date \(latest.iso))"
        } else {
            text = "no notice of this key decision is recorded; \(required) clear days required before \(day.iso) (latest notice date \(latest.iso))"
        }
        if let ge = d.procedure.generalExceptionDate {
            text += "; general exception notice \(ge.iso) gives \(c.calendar.clearDays(between: ge, and: day)) clear days; "
                + "\(c.rules.generalExceptionNoticeClearDays) required (reg 10)"
        }
        return text
    }

    static func implementationTiming(_ d: Decision, effective: CivilDate, on date: CivilDate, _ c: Context) -> String {
        var text = "the decision is effective from \(effective.iso)"
        if d.procedure.calledInDate == nil, c.calc.isCallable(d), let published = d.publicationDate {
            text += " (call-in period for the decision published \(published.iso) ends \(c.calc.callInEnd(publishedOn: published).iso))"
        }
        return text + "; not on \(date.iso)"
    }

    static func consent(_ c: Context) -> String? {
        if let given = trimmed(c.request.consentBy) { return given }
        if c.request.actor.role == .scrutinyChair { return "Chair of Overview and Scrutiny (\(c.request.actor.login))" }
        return nil
    }

    static func trimmed(_ s: String?) -> String? {
        guard let t = s?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }
}
