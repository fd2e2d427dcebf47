import Testing
@testable import Decisions

/// A Cabinet key decision for the meeting of Mon 23 Nov 2026.
func cabinetKeyDecision(notice: String? = nil, generalException: String? = nil, urgency: String? = nil,
                        papers: String? = nil, stage: Stage = .proposed) -> Decision {
    Decision(
        title: "Highways maintenance contract award", decisionMaker: "Cabinet", status: "For Determination", stage: stage,
        isKeyDecision: true, isSubjectToCallIn: true,
        procedure: Procedure(noticeDate: notice.map(date), generalExceptionDate: generalException.map(date),
                             specialUrgencyConsent: urgency, scheduledFor: date("2026-11-23"),
                             papersPublishedDate: papers.map(date)))
}

/// A decision taken and published (or not) on the given dates, subject to call-in.
func publishedDecision(decided: String = "2022-06-20", published: String? = "2022-06-22", effective: String? = nil,
                       stage: Stage = .published, subjectToCallIn: Bool = true, urgent: Bool = false,
                       procedure: Procedure = Procedure()) -> Decision {
    Decision(
        title: "SEND Written Statement of Action: progress", decisionMaker: "Children and Families Cabinet Member - 2022-2023",
        status: "Recommendations Approved (subject to call-in)", stage: stage, isSubjectToCallIn: subjectToCallIn,
        isUrgent: urgent, publicationDate: published.map(date), decisionDate: date(decided),
        effectiveFrom: effective.map(date), reasons: "To meet the DfE timetable.", alternatives: "None.",
        procedure: procedure)
}

@Suite struct DeadlineTests {
    let calc = DeadlineCalculator()

    func deadline(_ kind: DeadlineKind, _ d: Decision, today: String) -> Deadline {
        calc.deadline(kind, for: d, today: date(today))
    }

    @Test(arguments: [
        (DeadlineState.met, "met", "met"),
        (.due(workingDays: 0), "due today", "due:0"),
        (.due(workingDays: 1), "due in 1 working day", "due:1"),
        (.due(workingDays: 3), "due in 3 working days", "due:3"),
        (.overdue(workingDays: 1), "overdue by 1 working day", "overdue:1"),
        (.overdue(workingDays: 2), "overdue by 2 working days", "overdue:2"),
        (.notApplicable, "not applicable", "na"),
    ])
    func stateStrings(state: DeadlineState, text: String, machine: String) {
        #expect(state.description == text)
        #expect(state.machine == machine)
        #expect(DeadlineState(machine: machine) == state)
    }

    @Test func machineFormRejectsJunk() {
        #expect(DeadlineState(machine: "due") == nil)
        #expect(DeadlineState(machine: "late:2") == nil)
        #expect(DeadlineState(machine: "due:-1") == nil)
    }

    // MARK: Key decision notice (28 clear days before Mon 23 Nov 2026: by Sun 25 Oct)

    @Test(arguments: [
        // notice, GE, urgency, today, state, note
        ("2026-10-20", nil, nil, "2026-11-01", DeadlineState.met, nil),
        ("2026-10-25", nil, nil, "2026-11-01", .met, nil),
        (nil, nil, nil, "2026-10-20", .due(workingDays: 3), nil),       // Wed, Thu, Fri before Sun 25
        (nil, nil, nil, "2026-10-23", .due(workingDays: 0), nil),       // Friday: nothing working left before Sunday
        (nil, nil, nil, "2026-10-28", .overdue(workingDays: 3), nil),   // Mon 26, Tue 27, Wed 28
        ("2026-11-10", nil, nil, "2026-11-12", .overdue(workingDays: 14),
         "notice published 2026-11-10 gives 12 clear days before 2026-11-23; 28 required"),
        ("2026-11-10", "2026-11-10", nil, "2026-11-12", .notApplicable, "general exception (reg 10): notice 2026-11-10"),
        (nil, "2026-11-17", nil, "2026-11-18", .notApplicable, "general exception (reg 10): notice 2026-11-17"),
        // A general exception notice with only 4 clear days is no exception.
        (nil, "2026-11-18", nil, "2026-11-18", .overdue(workingDays: 18), nil),
        (nil, nil, "Chair of Overview and Scrutiny", "2026-11-18", .notApplicable,
         "special urgency (reg 11): agreed by Chair of Overview and Scrutiny"),
    ] as [(String?, String?, String?, String, DeadlineState, String?)])
    func keyDecisionNotice(notice: String?, ge: String?, urgency: String?, today: String, state: DeadlineState, note: String?) {
        let d = deadline(.keyDecisionNotice, cabinetKeyDecision(notice: notice, generalException: ge, urgency: urgency), today: today)
        #expect(d.date == date("2026-10-25"))
        #expect(d.state == state)
        #expect(d.note == note)
        #expect(!d.isLate)
    }

    @Test func keyDecisionNoticeNotApplicable() {
        var d = cabinetKeyDecision()
        d.isKeyDecision = false
        #expect(deadline(.keyDecisionNotice, d, today: "2026-11-01") == Deadline(kind: .keyDecisionNotice, date: nil,
                                                                           state: .notApplicable, note: "not a key decision"))
        var unscheduled = cabinetKeyDecision()
        unscheduled.procedure.scheduledFor = nil
        #expect(deadline(.keyDecisionNotice, unscheduled, today: "2026-11-01").note == "no decision date scheduled")
        let withdrawn = cabinetKeyDecision(stage: .withdrawn)
        #expect(deadline(.keyDecisionNotice, withdrawn, today: "2026-11-01").state == .notApplicable)
    }

    @Test func keyDecisionTakenWithLateNoticeIsLateNotOutstanding() {
        var d = cabinetKeyDecision(notice: "2026-11-10", stage: .decided)
        d.decisionDate = date("2026-11-23")
        let k = deadline(.keyDecisionNotice, d, today: "2026-12-10")
        #expect(k.isLate)
        #expect(k.state == .overdue(workingDays: 12))   // 26 Oct to 10 Nov: 12 working days late
        #expect(!k.isOutstanding)
        // An imported decided record with no notice on file: nothing to chase.
        var imported = cabinetKeyDecision(stage: .decided)
        imported.decisionDate = date("2026-11-23")
        #expect(deadline(.keyDecisionNotice, imported, today: "2026-12-10").note == "no notice recorded")
    }

    // MARK: Papers (5 clear days before Mon 23 Nov 2026: by Tue 17 Nov)

    @Test(arguments: [
        (nil, "2026-11-16", DeadlineState.due(workingDays: 1), false, nil),
        (nil, "2026-11-17", .due(workingDays: 0), false, nil),
        (nil, "2026-11-19", .overdue(workingDays: 2), false, nil),
        ("2026-11-16", "2026-11-19", .met, false, nil),
        ("2026-11-18", "2026-11-19", .overdue(workingDays: 1), true, "papers published 2026-11-18, after 2026-11-17"),
        (nil, "2026-11-24", .notApplicable, false, "papers date not recorded"),
    ] as [(String?, String, DeadlineState, Bool, String?)])
    func papers(papers: String?, today: String, state: DeadlineState, late: Bool, note: String?) {
        let d = deadline(.papersDue, cabinetKeyDecision(notice: "2026-10-01", papers: papers), today: today)
        #expect(d.date == date("2026-11-17"))
        #expect(d.state == state)
        #expect(d.isLate == late)
        #expect(d.note == note)
    }

    @Test func papersCountedInWorkingDays() throws {
        var rules = CouncilRules()
        try rules.set("meeting-papers-count", "working")
        let calc = DeadlineCalculator(rules: rules)
        // Mon 16, Tue 17 ... Fri 20 are the five clear working days: by Sun 15.
        #expect(calc.deadline(.papersDue, for: cabinetKeyDecision(), today: date("2026-11-10")).date == date("2026-11-15"))
    }

    @Test func noMeetingNoPapers() {
        let d = publishedDecision(stage: .proposed)
        #expect(deadline(.papersDue, d, today: "2022-06-01").note == "no meeting")
    }

    // MARK: Publication (2 working days after the decision)

    @Test(arguments: [
        ("2026-11-23", "2026-11-25", "2026-11-30", DeadlineState.met, false),
        ("2026-11-23", nil, "2026-11-24", .due(workingDays: 1), false),
        ("2026-11-23", nil, "2026-11-27", .overdue(workingDays: 2), false),
        ("2026-11-23", "2026-11-27", "2026-12-10", .overdue(workingDays: 2), true),
        // Over Christmas 2026: Thu 24, then 25, 28 Dec are holidays: target Tue 29.
        ("2026-12-23", nil, "2026-12-24", .due(workingDays: 1), false),
    ] as [(String, String?, String, DeadlineState, Bool)])
    func publication(decided: String, published: String?, today: String, state: DeadlineState, late: Bool) {
        let d = deadline(.publication, publishedDecision(decided: decided, published: published, stage: .decided), today: today)
        #expect(d.state == state)
        #expect(d.isLate == late)
        if decided == "2026-12-23" { #expect(d.date == date("2026-12-29")) } else { #expect(d.date == date("2026-11-25")) }
    }

    @Test func publicationNotApplicableBeforeTheDecision() {
        let d = deadline(.publication, cabinetKeyDecision(), today: "2026-11-01")
        #expect(d.state == .notApplicable)
        #expect(d.note == "not yet decided")
    }

    // MARK: Call-in (published Wed 22 Jun 2022: ends Wed 29 Jun)

    @Test(arguments: [
        ("2022-06-27", DeadlineState.due(workingDays: 2)),
        ("2022-06-29", .due(workingDays: 0)),
        ("2022-06-30", .met),
    ])
    func callInEnds(today: String, state: DeadlineState) {
        let d = deadline(.callInEnds, publishedDecision(), today: today)
        #expect(d.date == date("2022-06-29"))
        #expect(d.state == state)
    }

    @Test func callInNotApplicable() {
        #expect(deadline(.callInEnds, publishedDecision(subjectToCallIn: false), today: "2022-06-23").note == "not subject to call-in")
        #expect(deadline(.callInEnds, publishedDecision(urgent: true), today: "2022-06-23").note == "urgent: exempt from call-in")
        #expect(deadline(.callInEnds, publishedDecision(procedure: Procedure(callInWaived: true)), today: "2022-06-23").note == "call-in waived")
        #expect(deadline(.callInEnds, publishedDecision(published: nil, stage: .decided), today: "2022-06-23").note == "runs from publication")
        let calledIn = deadline(.callInEnds, publishedDecision(stage: .calledIn, procedure: Procedure(calledInDate: date("2022-06-24"))),
                                today: "2022-06-27")
        #expect(calledIn.state == .met)
        #expect(calledIn.note == "called in 2022-06-24")
    }

    // MARK: Effective from

    @Test func effectiveFromTheRules() {
        let d = deadline(.effectiveFrom, publishedDecision(), today: "2022-06-27")
        #expect(d.date == date("2022-06-30"))
        #expect(d.state == .due(workingDays: 3))
        #expect(d.note == nil)
        #expect(deadline(.effectiveFrom, publishedDecision(), today: "2022-06-30").state == .met)
    }

    @Test func recordedEffectiveFromIsKeptWithANoteWhenRulesDisagree() {
        let d = deadline(.effectiveFrom, publishedDecision(effective: "2022-06-28"), today: "2022-06-27")
        #expect(d.date == date("2022-06-28"))
        #expect(d.state == .due(workingDays: 1))
        #expect(d.note == "published record says 2022-06-28; rules give 2022-06-30")
        #expect(deadline(.effectiveFrom, publishedDecision(effective: "2022-06-30"), today: "2022-06-27").note == nil)
    }

    @Test func effectiveFromForDecisionsNotSubjectToCallInIsTheDecisionDate() {
        let d = deadline(.effectiveFrom, publishedDecision(subjectToCallIn: false), today: "2022-06-21")
        #expect(d.date == date("2022-06-20"))
        #expect(d.state == .met)
    }

    @Test func effectiveFromSuspendedByCallInThenFromTheResolution() {
        var p = Procedure(calledInDate: date("2022-06-24"))
        let suspended = deadline(.effectiveFrom, publishedDecision(effective: "2022-06-30", stage: .calledIn, procedure: p), today: "2022-06-27")
        #expect(suspended.state == .notApplicable)
        #expect(suspended.note == "suspended: called in 2022-06-24")
        p.callInOutcome = CallInOutcome.noFurtherAction.rawValue
        p.callInResolvedDate = date("2022-07-05")
        let resolved = deadline(.effectiveFrom, publishedDecision(stage: .effective, procedure: p), today: "2022-07-04")
        #expect(resolved.date == date("2022-07-05"))
        #expect(resolved.state == .due(workingDays: 1))
        p.callInOutcome = CallInOutcome.referBack.rawValue
        #expect(deadline(.effectiveFrom, publishedDecision(stage: .calledIn, procedure: p), today: "2022-07-06").state == .notApplicable)
        p.reconsideredDate = date("2022-07-12")
        #expect(deadline(.effectiveFrom, publishedDecision(stage: .effective, procedure: p), today: "2022-07-12").date == date("2022-07-12"))
    }

    // MARK: Scrutiny meeting (called in Tue 1 Dec 2026: within 10 working days, by Tue 15 Dec)

    @Test(arguments: [
        (nil, "2026-12-10", DeadlineState.due(workingDays: 3), false),
        (nil, "2026-12-17", .overdue(workingDays: 2), false),
        ("2026-12-14", "2026-12-17", .met, false),
        ("2026-12-16", "2026-12-17", .overdue(workingDays: 1), true),
    ] as [(String?, String, DeadlineState, Bool)])
    func scrutinyMeeting(resolved: String?, today: String, state: DeadlineState, late: Bool) {
        let p = Procedure(calledInDate: date("2026-12-01"), callInResolvedDate: resolved.map(date))
        let d = deadline(.scrutinyMeeting, publishedDecision(decided: "2026-11-23", published: "2026-11-25", stage: .calledIn, procedure: p),
                         today: today)
        #expect(d.date == date("2026-12-15"))
        #expect(d.state == state)
        #expect(d.isLate == late)
        #expect(deadline(.scrutinyMeeting, publishedDecision(), today: today).state == .notApplicable)
    }

    // MARK: All deadlines and the next one

    @Test func allSixInOrder() {
        let all = calc.deadlines(for: publishedDecision(), today: date("2022-06-27"))
        #expect(all.map(\.kind) == DeadlineKind.allCases)
        #expect(all.map(\.state.machine) == ["na", "na", "met", "due:2", "due:3", "na"])
    }

    @Test func nextDeadlineIsTheEarliestOutstanding() {
        // Proposed key decision, notice given, papers not yet out: papers are next.
        let proposed = cabinetKeyDecision(notice: "2026-10-01")
        #expect(calc.nextDeadline(for: proposed, today: date("2026-11-12"))?.kind == .papersDue)
        // No notice either: the notice (25 Oct) comes first.
        #expect(calc.nextDeadline(for: cabinetKeyDecision(), today: date("2026-10-20"))?.kind == .keyDecisionNotice)
        // Published, in the call-in period: call-in end (29 Jun) before effective (30 Jun).
        let next = calc.nextDeadline(for: publishedDecision(), today: date("2022-06-27"))
        #expect(next?.kind == .callInEnds)
        #expect(next?.state == .due(workingDays: 2))
        // All done: nothing.
        #expect(calc.nextDeadline(for: publishedDecision(), today: date("2022-07-01")) == nil)
        // Late publication is history, not a countdown.
        let latePublished = publishedDecision(decided: "2022-06-10", published: "2022-06-22")
        #expect(calc.deadline(.publication, for: latePublished, today: date("2022-07-10")).isLate)
        #expect(calc.nextDeadline(for: latePublished, today: date("2022-07-10")) == nil)
    }
}
