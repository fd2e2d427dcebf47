/// The statutory and constitutional deadlines tracked for each decision.
public enum DeadlineKind: String, CaseIterable, Codable, Sendable {
    /// Latest date the notice of a key decision had to be published (reg 9: 28 clear days).
    case keyDecisionNotice = "key_decision_notice"
    /// Latest date the meeting papers had to be available (regs 6-7: 5 clear days).
    case papersDue = "papers_due"
    /// Target date for publishing the record of the decision (regs 12-13; a council setting).
    case publication
    /// Last day of the call-in period.
    case callInEnds = "call_in_ends"
    /// The date the decision may be implemented.
    case effectiveFrom = "effective_from"
    /// Latest date scrutiny must meet on a call-in.
    case scrutinyMeeting = "scrutiny_meeting"

    /// Human label, e.g. "key decision notice".
    public var label: String {
        switch self {
        case .keyDecisionNotice: "key decision notice"
        case .papersDue: "papers due"
        case .publication: "publication"
        case .callInEnds: "call-in ends"
        case .effectiveFrom: "effective from"
        case .scrutinyMeeting: "scrutiny must meet"
        }
    }
}

/// Where a deadline stands on a given day. Counts are working days (see `WorkingCalendar`):
/// - `due(n)`: the deadline is today or later; n = working days after today up to and
///   including the deadline (0: due today, or on a weekend/holiday before the next working day).
/// - `overdue(n)`: the deadline has passed and the required act is missing, n = working days
///   after the deadline up to and including today (at least 1); or, when `Deadline.isLate`,
///   the act was done late and n is how many working days late (fixed).
/// - `met`: the act was done in time, or, for passive deadlines (call-in end, effective
///   from), the date has arrived or passed.
/// - `notApplicable`: the deadline does not apply (or cannot be computed: see the note).
public enum DeadlineState: Hashable, Sendable, CustomStringConvertible {
    case met
    case due(workingDays: Int)
    case overdue(workingDays: Int)
    case notApplicable

    /// "met", "due today", "due in 1 working day", "due in 3 working days",
    /// "overdue by 2 working days", "not applicable".
    public var description: String {
        switch self {
        case .met: "met"
        case .due(0): "due today"
        case .due(let n): "due in \(n) working day\(n == 1 ? "" : "s")"
        case .overdue(let n): "overdue by \(n) working day\(n == 1 ? "" : "s")"
        case .notApplicable: "not applicable"
        }
    }

    /// Short machine form: "met", "due:3", "overdue:2", "na".
    public var machine: String {
        switch self {
        case .met: "met"
        case .due(let n): "due:\(n)"
        case .overdue(let n): "overdue:\(n)"
        case .notApplicable: "na"
        }
    }

    /// Parses the machine form.
    public init?(machine: String) {
        switch machine {
        case "met": self = .met
        case "na": self = .notApplicable
        default:
            let parts = machine.split(separator: ":")
            guard parts.count == 2, let n = Int(parts[1]), n >= 0 else { return nil }
            switch parts[0] {
            case "due": self = .due(workingDays: n)
            case "overdue": self = .overdue(workingDays: n)
            default: return nil
            }
        }
    }

    public var isPending: Bool {
        switch self {
        case .due, .overdue: true
        case .met, .notApplicable: false
        }
    }
}

/// One deadline of one decision on a given day.
public struct Deadline: Hashable, Sendable {
    public var kind: DeadlineKind
    /// The deadline; nil when it cannot be computed (e.g. no decision date yet).
    public var date: CivilDate?
    public var state: DeadlineState
    /// Why it is not applicable, how it was met, or a disagreement with the published record.
    public var note: String?
    /// True when the act was done but after the deadline: `state` is `.overdue(n)` with n
    /// the working days it was late, and nothing remains to be done.
    public var isLate: Bool

    public init(kind: DeadlineKind, date: CivilDate?, state: DeadlineState, note: String? = nil, isLate: Bool = false) {
        self.kind = kind; self.date = date; self.state = state; self.note = note; self.isLate = isLate
    }

    /// True when something remains to be done (or to wait for) by this deadline.
    public var isOutstanding: Bool { state.isPending && !isLate }
}

/// Computes a decision's deadlines from its dates, flags and procedure, the council's rules
/// and the working calendar. Pure and cheap: a handful of integer operations per deadline
/// (strings only for notes), fit to run for every visible row of a register.
public struct DeadlineCalculator: Sendable {
    public var rules: CouncilRules
    public var calendar: WorkingCalendar

    public init(rules: CouncilRules = CouncilRules(), calendar: WorkingCalendar = .englandAndWales) {
        self.rules = rules; self.calendar = calendar
    }

    /// All six deadlines, in `DeadlineKind.allCases` order.
    public func deadlines(for decision: Decision, today: CivilDate) -> [Deadline] {
        DeadlineKind.allCases.map { deadline($0, for: decision, today: today) }
    }

    /// The outstanding deadline with the earliest date (due or overdue and not merely late),
    /// for the register's countdown column; nil when nothing is outstanding.
    public func nextDeadline(for decision: Decision, today: CivilDate) -> Deadline? {
        var best: Deadline?
        for kind in DeadlineKind.allCases {
            let d = deadline(kind, for: decision, today: today)
            guard d.isOutstanding, let date = d.date else { continue }
            if let b = best, let bd = b.date, bd <= date { continue }
            best = d
        }
        return best
    }

    public func deadline(_ kind: DeadlineKind, for decision: Decision, today: CivilDate) -> Deadline {
        switch kind {
        case .keyDecisionNotice: keyDecisionNotice(decision, today)
        case .papersDue: papersDue(decision, today)
        case .publication: publication(decision, today)
        case .callInEnds: callInEnds(decision, today)
        case .effectiveFrom: effectiveFrom(decision, today)
        case .scrutinyMeeting: scrutinyMeeting(decision, today)
        }
    }

    // MARK: - Dates the rules give

    /// The date the decision is (to be) taken: decided, else scheduled, else its meeting.
    public func decisionDay(of d: Decision) -> CivilDate? { d.decisionDate ?? d.procedure.scheduledFor ?? d.meeting?.date }

    /// The meeting papers are due before: the meeting, else the scheduled date for bodies that
    /// decide at meetings (Cabinet, committees). Individual members and officers have none.
    public func meetingDay(of d: Decision) -> CivilDate? {
        if let m = d.meeting?.date { return m }
        switch d.makerKind {
        case .cabinet, .committee: return d.procedure.scheduledFor
        case .individualMember, .officer: return nil
        }
    }

    /// Latest date the key decision notice can be published for a decision on `day`.
    public func latestKeyDecisionNotice(before day: CivilDate) -> CivilDate {
        calendar.latestNoticeDate(forDecisionOn: day, clearDays: rules.keyDecisionNoticeClearDays)
    }

    /// Latest date the papers can be published for a meeting on `day`.
    public func latestPapersDate(before day: CivilDate) -> CivilDate {
        switch rules.meetingPapersCount {
        case .calendar: calendar.latestNoticeDate(forDecisionOn: day, clearDays: rules.meetingPapersClearDays)
        case .working: calendar.latestNoticeDate(forDecisionOn: day, clearWorkingDays: rules.meetingPapersClearDays)
        }
    }

    /// Last day of the call-in period for a record published on `publication`.
    public func callInEnd(publishedOn publication: CivilDate) -> CivilDate {
        calendar.addingWorkingDays(rules.callInPeriodWorkingDays, to: publication)
    }

    /// Whether the decision can be called in at all (not counting dates): subject to
    /// call-in, not urgent, call-in not waived.
    public func isCallable(_ d: Decision) -> Bool { d.isSubjectToCallIn && !d.isUrgent && !d.procedure.callInWaived }

    /// The effective-from date the rules give (ignoring any date on the record):
    /// - called in: the reconsideration date, or the date scrutiny resolved to take no
    ///   further action; nil while the call-in is unresolved;
    /// - not callable (not subject to call-in, urgent, or waived): the decision date;
    /// - otherwise: from the end of the call-in period by `rules.effectiveAfterCallIn`;
    ///   nil until published.
    public func ruleEffectiveDate(for d: Decision) -> CivilDate? {
        let p = d.procedure
        if p.calledInDate != nil {
            if let r = p.reconsideredDate { return r }
            if p.callInOutcome == CallInOutcome.noFurtherAction.rawValue { return p.callInResolvedDate }
            return nil
        }
        if !isCallable(d) { return d.decisionDate }
        guard let published = d.publicationDate else { return nil }
        return rules.effectiveAfterCallIn.effectiveDate(periodEnd: callInEnd(publishedOn: published), calendar: calendar)
    }

    /// The date the decision may be implemented from: the record's own effective-from date
    /// when it states one (and no call-in has suspended it), else the rules' date.
    public func effectiveDate(for d: Decision) -> CivilDate? {
        if d.procedure.calledInDate != nil { return ruleEffectiveDate(for: d) }
        return d.effectiveFrom ?? ruleEffectiveDate(for: d)
    }

    /// The valid exception to the 28 days' notice recorded on the decision for a decision on
    /// `day`, described; nil when there is none (a general exception needs its notice
    /// `generalExceptionNoticeClearDays` clear days before `day`).
    public func noticeException(for d: Decision, on day: CivilDate) -> String? {
        if let consent = d.procedure.specialUrgencyConsent, !consent.isEmpty {
            return "special urgency (reg 11): agreed by \(consent)"
        }
        if let ge = d.procedure.generalExceptionDate,
           calendar.clearDays(between: ge, and: day) >= rules.generalExceptionNoticeClearDays {
            return "general exception (reg 10): notice \(ge.iso)"
        }
        return nil
    }

    // MARK: - The deadlines

    private func pending(_ kind: DeadlineKind, _ date: CivilDate, _ today: CivilDate, note: String? = nil) -> Deadline {
        let state: DeadlineState = today <= date
            ? .due(workingDays: calendar.workingDays(from: today, to: date))
            : .overdue(workingDays: max(1, calendar.workingDays(from: date, to: today)))
        return Deadline(kind: kind, date: date, state: state, note: note)
    }

    private func late(_ kind: DeadlineKind, _ date: CivilDate, doneOn done: CivilDate, note: String) -> Deadline {
        Deadline(kind: kind, date: date, state: .overdue(workingDays: max(1, calendar.workingDays(from: date, to: done))),
                 note: note, isLate: true)
    }

    private func na(_ kind: DeadlineKind, _ note: String) -> Deadline {
        Deadline(kind: kind, date: nil, state: .notApplicable, note: note)
    }

    private func na(_ kind: DeadlineKind, _ date: CivilDate, _ note: String) -> Deadline {
        Deadline(kind: kind, date: date, state: .notApplicable, note: note)
    }

    private static func isTaken(_ d: Decision) -> Bool {
        switch d.stage {
        case .decided, .published, .calledIn, .effective, .implemented, .rejected: true
        case .proposed, .deferred, .withdrawn: d.decisionDate != nil
        }
    }

    private func keyDecisionNotice(_ d: Decision, _ today: CivilDate) -> Deadline {
        let kind = DeadlineKind.keyDecisionNotice
        guard d.isKeyDecision else { return na(kind, "not a key decision") }
        if d.stage == .withdrawn || d.stage == .deferred { return na(kind, d.stage.label) }
        guard let day = decisionDay(of: d) else { return na(kind, "no decision date scheduled") }
        let latest = latestKeyDecisionNotice(before: day)
        if let notice = d.procedure.noticeDate, notice <= latest { return Deadline(kind: kind, date: latest, state: .met) }
        if let exception = noticeException(for: d, on: day) { return na(kind, latest, exception) }
        if let notice = d.procedure.noticeDate {
            let clear = calendar.clearDays(between: notice, and: day)
            let note = "notice published \(notice.iso) gives \(clear) clear days before \(day.iso); "
                + "\(rules.keyDecisionNoticeClearDays) required"
            if Self.isTaken(d) { return late(kind, latest, doneOn: notice, note: note) }
            // Still to be taken: the decision cannot go ahead on this date; move it or use an exception.
            return Deadline(kind: kind, date: latest,
                            state: .overdue(workingDays: max(1, calendar.workingDays(from: latest, to: max(notice, today)))),
                            note: note)
        }
        if Self.isTaken(d) { return na(kind, latest, "no notice recorded") }
        return pending(kind, latest, today)
    }

    private func papersDue(_ d: Decision, _ today: CivilDate) -> Deadline {
        let kind = DeadlineKind.papersDue
        guard let meeting = meetingDay(of: d) else { return na(kind, "no meeting") }
        if d.stage == .withdrawn || d.stage == .deferred { return na(kind, d.stage.label) }
        let latest = latestPapersDate(before: meeting)
        if let papers = d.procedure.papersPublishedDate {
            if papers <= latest { return Deadline(kind: kind, date: latest, state: .met) }
            return late(kind, latest, doneOn: papers, note: "papers published \(papers.iso), after \(latest.iso)")
        }
        if Self.isTaken(d) || meeting <= today { return na(kind, latest, "papers date not recorded") }
        return pending(kind, latest, today)
    }

    private func publication(_ d: Decision, _ today: CivilDate) -> Deadline {
        let kind = DeadlineKind.publication
        guard let decided = d.decisionDate, Self.isTaken(d) else { return na(kind, "not yet decided") }
        let target = calendar.addingWorkingDays(rules.publicationTargetWorkingDays, to: decided)
        if let published = d.publicationDate {
            if published <= target { return Deadline(kind: kind, date: target, state: .met) }
            return late(kind, target, doneOn: published, note: "published \(published.iso), after \(target.iso)")
        }
        return pending(kind, target, today)
    }

    private func callInEnds(_ d: Decision, _ today: CivilDate) -> Deadline {
        let kind = DeadlineKind.callInEnds
        guard d.isSubjectToCallIn else { return na(kind, "not subject to call-in") }
        if d.isUrgent { return na(kind, "urgent: exempt from call-in") }
        if d.procedure.callInWaived { return na(kind, "call-in waived") }
        guard let published = d.publicationDate else { return na(kind, "runs from publication") }
        let end = callInEnd(publishedOn: published)
        if let calledIn = d.procedure.calledInDate {
            return Deadline(kind: kind, date: end, state: .met, note: "called in \(calledIn.iso)")
        }
        if end < today { return Deadline(kind: kind, date: end, state: .met) }
        return pending(kind, end, today)
    }

    private func effectiveFrom(_ d: Decision, _ today: CivilDate) -> Deadline {
        let kind = DeadlineKind.effectiveFrom
        switch d.stage {
        case .proposed, .deferred, .withdrawn, .rejected: return na(kind, d.stage.label)
        case .decided, .published, .calledIn, .effective, .implemented: break
        }
        if let calledIn = d.procedure.calledInDate, ruleEffectiveDate(for: d) == nil {
            return na(kind, "suspended: called in \(calledIn.iso)")
        }
        let rule = ruleEffectiveDate(for: d)
        let recorded = d.procedure.calledInDate == nil ? d.effectiveFrom : nil
        guard let date = recorded ?? rule else { return na(kind, "awaiting publication") }
        var note: String?
        if let recorded, let rule, recorded != rule {
            note = "published record says \(recorded.iso); rules give \(rule.iso)"
        }
        if date <= today { return Deadline(kind: kind, date: date, state: .met, note: note) }
        return pending(kind, date, today, note: note)
    }

    private func scrutinyMeeting(_ d: Decision, _ today: CivilDate) -> Deadline {
        let kind = DeadlineKind.scrutinyMeeting
        guard let calledIn = d.procedure.calledInDate else { return na(kind, "not called in") }
        let latest = calendar.addingWorkingDays(rules.scrutinyMeetingWithinWorkingDays, to: calledIn)
        if let resolved = d.procedure.callInResolvedDate {
            if resolved <= latest { return Deadline(kind: kind, date: latest, state: .met) }
            return late(kind, latest, doneOn: resolved, note: "scrutiny met \(resolved.iso), after \(latest.iso)")
        }
        return pending(kind, latest, today)
    }
}
