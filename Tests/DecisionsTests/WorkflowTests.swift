import Testing
@testable import Decisions

let officer = Actor(login: "dsmith", role: .officer)
let admin = Actor(login: "root", role: .admin)
let financeMember = Actor(login: "cllr.jones", role: .decisionMaker, makers: ["Cabinet Member for Finance"])
let childrenMember = Actor(login: "cllr.patel", role: .decisionMaker, makers: ["Children and Families Cabinet Member"])
let scrutinyChair = Actor(login: "cllr.brown", role: .scrutinyChair)
let backbencher = Actor(login: "cllr.green", role: .member)
let viewer = Actor(login: "guest", role: .viewer)

/// An individual cabinet member's decision, not key, awaiting the decision.
func memberProposal() -> Decision {
    Decision(title: "SEND Written Statement of Action: progress", decisionMaker: "Children and Families Cabinet Member - 2022-2023",
             status: "For Determination", isSubjectToCallIn: true,
             reasons: "To meet the DfE timetable.", alternatives: "Do nothing: rejected.",
             procedure: Procedure(scheduledFor: date("2022-06-20")))
}

@Suite struct WorkflowTests {
    let rules = CouncilRules()
    let calendar = WorkingCalendar.englandAndWales

    func run(_ kind: TransitionKind, _ actor: Actor, _ d: Decision, on day: String, today: String? = nil, reason: String? = nil,
             scheduledFor: String? = nil, noticeDate: String? = nil, members: [String] = [], outcome: CallInOutcome? = nil,
             amendments: String? = nil, consentBy: String? = nil, rules: CouncilRules? = nil) -> Result<TransitionOutcome, TransitionRefusal> {
        let request = TransitionRequest(kind: kind, actor: actor, today: date(today ?? day), date: date(day), reason: reason,
                                        scheduledFor: scheduledFor.map(date), noticeDate: noticeDate.map(date), members: members,
                                        outcome: outcome, amendments: amendments, consentBy: consentBy)
        let result = Workflow.apply(request, to: d, rules: rules ?? self.rules, calendar: calendar)
        // Keeps the declared rules of each act (help, RULES.md) true to what it refuses.
        switch result {
        case .failure(let f):
            #expect((TransitionKind.rulesOfEveryAct + kind.rules).contains(f.id), "\(kind.rawValue) refused by undeclared \(f.id.id)")
        case .success(let o):
            for warning in o.warnings {
                let id = RuleID(rawValue: String(warning.prefix { $0 != ":" }))
                #expect(id.map(kind.rules.contains) == true, "\(kind.rawValue) warns without a declared rule id: \(warning)")
            }
        }
        return result
    }

    func allowed(_ r: Result<TransitionOutcome, TransitionRefusal>, sourceLocation: SourceLocation = #_sourceLocation) -> TransitionOutcome? {
        switch r {
        case .success(let o): return o
        case .failure(let f):
            Issue.record("refused: \(f)", sourceLocation: sourceLocation)
            return nil
        }
    }

    func refused(_ r: Result<TransitionOutcome, TransitionRefusal>, sourceLocation: SourceLocation = #_sourceLocation) -> TransitionRefusal? {
        switch r {
        case .success(let o):
            Issue.record("allowed, to \(o.decision.stage)", sourceLocation: sourceLocation)
            return nil
        case .failure(let f): return f
        }
    }

    // MARK: Declarations

    @Test func everyKindIsDeclared() {
        for kind in TransitionKind.allCases {
            #expect(!kind.label.isEmpty && !kind.help.isEmpty)
            #expect(!kind.roles.isEmpty && !kind.roles.contains(.viewer))
            #expect(!kind.fromStages.isEmpty && !kind.toStages.isEmpty)
            #expect(TransitionKind(text: kind.rawValue) == kind)
            #expect(kind.rawValue == kind.rawValue.lowercased() && !kind.rawValue.contains("_"))
        }
        #expect(TransitionKind.callIn.rawValue == "call-in")
        #expect(TransitionKind.approveWithAmendments.rawValue == "approve-with-amendments")
    }

    // MARK: Schedule

    @Test func scheduleRecordsDateAndNotice() throws {
        let o = try #require(allowed(run(.schedule, officer, cabinetKeyDecision(), on: "2026-10-20",
                                         scheduledFor: "2026-11-23", noticeDate: "2026-10-20")))
        #expect(o.decision.procedure.scheduledFor == date("2026-11-23"))
        #expect(o.decision.procedure.noticeDate == date("2026-10-20"))
        #expect(o.warnings.isEmpty)
        #expect(o.audit.changes.contains(FieldChange(field: "procedure.noticeDate", before: nil, after: "2026-10-20")))
    }

    @Test func scheduleWarnsOfShortNotice() throws {
        let o = try #require(allowed(run(.schedule, officer, cabinetKeyDecision(), on: "2026-11-10",
                                         scheduledFor: "2026-11-23", noticeDate: "2026-11-10")))
        #expect(o.warnings == ["R-KEY-NOTICE-28: notice published 2026-11-10 gives 12 clear days before 2026-11-23; 28 required (latest notice date 2026-10-25): "
                               + "record a general exception or special urgency, or move the date"])
    }

    @Test func scheduleRefusals() throws {
        let noDate = try #require(refused(run(.schedule, officer, cabinetKeyDecision(), on: "2026-10-20")))
        #expect(noDate.id == .scheduleForADateToCome)
        #expect(noDate.message == "give the date the decision is to be taken")
        let past = try #require(refused(run(.schedule, officer, cabinetKeyDecision(), on: "2026-10-20", scheduledFor: "2026-10-19")))
        #expect(past.id == .scheduleForADateToCome)
        #expect(past.message == "2026-10-19 is before 2026-10-20")
        let futureNotice = try #require(refused(run(.schedule, officer, cabinetKeyDecision(), on: "2026-10-20", scheduledFor: "2026-11-23",
                                                    noticeDate: "2026-10-21")))
        #expect(futureNotice.id == .noticeRecordedOncePublished)
        #expect(futureNotice.message == "notice date 2026-10-21 is after today (2026-10-20)")
        let byMember = try #require(refused(run(.schedule, backbencher, cabinetKeyDecision(), on: "2026-10-20", scheduledFor: "2026-11-23")))
        #expect(byMember.id == .transitionRole)
        #expect(byMember.rule == "P-TRANSITION: Cabinet Desk policy: each act has the roles that may perform it")
        #expect(byMember.message == "cllr.green is a member and may not schedule; it needs the role of officer or administrator")
        #expect(byMember.missingRole == .officer)
    }

    // MARK: Approve and the key decision guard (decision on Mon 23 Nov 2026)

    @Test(arguments: [
        ("2026-11-10", nil, nil,
         "notice published 2026-11-10 gives 12 clear days before 2026-11-23; 28 required (latest notice date 2026-10-25)"),
        (nil, nil, nil,
         "no notice of this key decision is recorded; 28 clear days required before 2026-11-23 (latest notice date 2026-10-25)"),
        ("2026-11-10", "2026-11-20", nil,
         "notice published 2026-11-10 gives 12 clear days before 2026-11-23; 28 required (latest notice date 2026-10-25); "
            + "general exception notice 2026-11-20 gives 2 clear days; 5 required (reg 10)"),
        ("2026-10-26", nil, nil,
         "notice published 2026-10-26 gives 27 clear days before 2026-11-23; 28 required (latest notice date 2026-10-25)"),
    ] as [(String?, String?, String?, String)])
    func approveKeyDecisionWithoutNoticeIsRefused(notice: String?, ge: String?, urgency: String?, message: String) throws {
        let d = cabinetKeyDecision(notice: notice, generalException: ge, urgency: urgency)
        let f = try #require(refused(run(.approve, officer, d, on: "2026-11-23")))
        #expect(f.id == .keyDecisionNotice)
        #expect(f.rule == "R-KEY-NOTICE-28: Reg 9, SI 2012/2089: 28 clear days' notice of a key decision")
        #expect(f.description == message + " (R-KEY-NOTICE-28: Reg 9, SI 2012/2089: 28 clear days' notice of a key decision)")
        #expect(f.message == message)
        #expect(f.missingRole == nil)
    }

    @Test(arguments: [
        ("2026-10-25", nil, nil),                              // exactly 28 clear days
        ("2026-10-01", nil, nil),
        (nil, "2026-11-17", nil),                              // general exception, exactly 5 clear days
        ("2026-11-10", "2026-11-10", nil),
        (nil, nil, "Chair of Overview and Scrutiny"),          // special urgency
    ] as [(String?, String?, String?)])
    func approveKeyDecisionWithNoticeOrExceptionIsAllowed(notice: String?, ge: String?, urgency: String?) throws {
        let d = cabinetKeyDecision(notice: notice, generalException: ge, urgency: urgency)
        let o = try #require(allowed(run(.approve, officer, d, on: "2026-11-23")))
        #expect(o.decision.stage == .decided)
        #expect(o.decision.decisionDate == date("2026-11-23"))
        #expect(o.decision.status == "For Determination", "the published status is the publisher's, not the workflow's")
        #expect(o.decision.version == d.version)
        #expect(o.audit.action == "approve")
        #expect(o.audit.stageBefore == .proposed && o.audit.stageAfter == .decided)
        #expect(o.audit.changes == [
            FieldChange(field: "stage", before: "proposed", after: "decided"),
            FieldChange(field: "decisionDate", before: nil, after: "2026-11-23"),
        ])
    }

    @Test func nonKeyDecisionNeedsNoNotice() throws {
        let o = try #require(allowed(run(.approve, childrenMember, memberProposal(), on: "2022-06-20")))
        #expect(o.decision.stage == .decided)
    }

    @Test func decisionMakerActsOnlyForOwnMakerNames() throws {
        let f = try #require(refused(run(.approve, financeMember, memberProposal(), on: "2022-06-20")))
        #expect(f.id == .ownDecisionsOnly)
        #expect(f.message == "cllr.jones decides for Cabinet Member for Finance, not for Children and Families Cabinet Member - 2022-2023")
        #expect(f.missingRole == .decisionMaker)
        for kind in [TransitionKind.reject, .defer, .withdraw, .approveWithAmendments] {
            let r = try #require(refused(run(kind, financeMember, memberProposal(), on: "2022-06-20", reason: "r", amendments: "a")))
            #expect(r.id == .ownDecisionsOnly)
        }
    }

    @Test func officersRecordMeetingDecisionsOnly() throws {
        let f = try #require(refused(run(.approve, officer, memberProposal(), on: "2022-06-20")))
        #expect(f.id == .officersRecordMeetings)
        #expect(f.message == "Children and Families Cabinet Member - 2022-2023 is an individual member decision; only that decision maker (or an administrator) may approve")
        #expect(f.missingRole == .decisionMaker)
        #expect(allowed(run(.approve, admin, memberProposal(), on: "2022-06-20")) != nil)
    }

    @Test func approveWithAmendments() throws {
        let f = try #require(refused(run(.approveWithAmendments, childrenMember, memberProposal(), on: "2022-06-20")))
        #expect(f.id == .recordStatesTheDecision)
        #expect(f.message == "give the amendments")
        let o = try #require(allowed(run(.approveWithAmendments, childrenMember, memberProposal(), on: "2022-06-20",
                                         amendments: "Report progress bi-monthly rather than quarterly.")))
        #expect(o.decision.stage == .decided)
        #expect(o.decision.status == "For Determination")
        #expect(o.decision.resolutions.last == Resolution(label: "Amendment", text: "Report progress bi-monthly rather than quarterly."))
    }

    @Test func rejectDeferWithdrawNeedReasons() throws {
        for (kind, stage) in [(TransitionKind.reject, Stage.rejected), (.defer, .deferred), (.withdraw, .withdrawn)] {
            let f = try #require(refused(run(kind, childrenMember, memberProposal(), on: "2022-06-20", reason: "  ")))
            #expect(f.id == .reasonForTheAct)
            #expect(f.message == "give a reason for \(kind.rawValue)")
            let o = try #require(allowed(run(kind, childrenMember, memberProposal(), on: "2022-06-20", reason: "Awaiting consultation")))
            #expect(o.decision.stage == stage)
            #expect(o.decision.status == "For Determination")
            #expect(o.audit.reason == "Awaiting consultation")
        }
        var deferred = memberProposal()
        deferred.stage = .deferred
        let rescheduled = try #require(allowed(run(.schedule, officer, deferred, on: "2022-06-21", scheduledFor: "2022-07-04")))
        #expect(rescheduled.decision.stage == .proposed)
    }

    @Test func actsCannotBeDatedInTheFuture() throws {
        let f = try #require(refused(run(.approve, childrenMember, memberProposal(), on: "2022-06-21", today: "2022-06-20")))
        #expect(f.id == .actsNotAfterToday)
        #expect(f.message == "approve dated 2022-06-21 is after today (2022-06-20)")
    }

    // MARK: Records of notices and consents

    @Test func recordGeneralExceptionAndSpecialUrgency() throws {
        let ge = try #require(allowed(run(.recordGeneralException, officer, cabinetKeyDecision(), on: "2026-11-20",
                                          reason: "Contract expires 1 December")))
        #expect(ge.decision.procedure.generalExceptionDate == date("2026-11-20"))
        #expect(ge.warnings == ["R-GENERAL-EXCEPTION: general exception notice 2026-11-20 gives 2 clear days before 2026-11-23; 5 required (reg 10): the decision must wait until 2026-11-26"])

        let notKey = try #require(refused(run(.recordGeneralException, officer, memberProposal(), on: "2022-06-10", reason: "x")))
        #expect(notKey.id == .exceptionsAreForKeyDecisions)
        let urgencyNotKey = try #require(refused(run(.recordSpecialUrgency, scrutinyChair, memberProposal(), on: "2022-06-10", reason: "x")))
        #expect(urgencyNotKey.id == .exceptionsAreForKeyDecisions)
        #expect(urgencyNotKey.message == "the decision is not a key decision")

        let byOfficerWithoutConsent = try #require(refused(run(.recordSpecialUrgency, officer, cabinetKeyDecision(), on: "2026-11-20",
                                                               reason: "Storm damage")))
        #expect(byOfficerWithoutConsent.id == .specialUrgency)
        let byChair = try #require(allowed(run(.recordSpecialUrgency, scrutinyChair, cabinetKeyDecision(), on: "2026-11-20",
                                               reason: "Storm damage")))
        #expect(byChair.decision.procedure.specialUrgencyConsent == "Chair of Overview and Scrutiny (cllr.brown)")
        #expect(byChair.decision.urgencyReason == "Storm damage")
        // ... and the decision may then be taken.
        #expect(allowed(run(.approve, officer, byChair.decision, on: "2026-11-23")) != nil)
    }

    @Test func recordPapersWarnsWhenLate() throws {
        let onTime = try #require(allowed(run(.recordPapers, officer, cabinetKeyDecision(), on: "2026-11-16")))
        #expect(onTime.decision.procedure.papersPublishedDate == date("2026-11-16"))
        #expect(onTime.warnings.isEmpty)
        let late = try #require(allowed(run(.recordPapers, officer, cabinetKeyDecision(), on: "2026-11-19")))
        #expect(late.warnings == ["R-PAPERS-5-DAYS: papers published 2026-11-19 are late for the meeting on 2026-11-23: due by 2026-11-17"])
    }

    // MARK: Publish (regs 12-13)

    @Test func publishNeedsReasonsAndAlternatives() throws {
        var d = publishedDecision(published: nil, stage: .decided)
        d.reasons = nil
        d.alternatives = " "
        let f = try #require(refused(run(.publish, officer, d, on: "2022-06-22")))
        #expect(f.id == .recordStatesReasons)
        #expect(f.message == "the record has no reasons for the decision and no alternative options considered and rejected")
        d.reasons = "Statutory duty"
        let g = try #require(refused(run(.publish, officer, d, on: "2022-06-22")))
        #expect(g.message == "the record has no alternative options considered and rejected")
        d.alternatives = "None"
        d.decisionDate = nil
        let undated = try #require(refused(run(.publish, officer, d, on: "2022-06-22")))
        #expect(undated.id == .recordStatesTheDecision)
        #expect(undated.message == "the record has no decision date")
    }

    @Test func publishStartsCallInOrTakesEffect() throws {
        let o = try #require(allowed(run(.publish, officer, publishedDecision(published: nil, stage: .decided), on: "2022-06-22")))
        #expect(o.decision.stage == .published)
        #expect(o.decision.publicationDate == date("2022-06-22"))
        #expect(o.decision.effectiveFrom == date("2022-06-30"))
        #expect(o.decision.status == publishedDecision(published: nil, stage: .decided).status)
        #expect(o.warnings.isEmpty)

        let late = try #require(allowed(run(.publish, officer, publishedDecision(decided: "2022-06-16", published: nil, stage: .decided), on: "2022-06-22")))
        #expect(late.warnings == ["R-PUBLICATION-TARGET: published 2022-06-22, after the target of 2 working days (2022-06-20)"])

        let notCallable = try #require(allowed(run(.publish, officer, publishedDecision(published: nil, stage: .decided, subjectToCallIn: false),
                                                   on: "2022-06-22")))
        #expect(notCallable.decision.stage == .effective)
        #expect(notCallable.decision.effectiveFrom == date("2022-06-20"))

        let early = try #require(refused(run(.publish, officer, publishedDecision(published: nil, stage: .decided), on: "2022-06-19")))
        #expect(early.id == .publishedAfterTheDecision)
        #expect(early.message == "publication date 2022-06-19 is before the decision date 2022-06-20")

        let byMaker = try #require(refused(run(.publish, childrenMember, publishedDecision(published: nil, stage: .decided), on: "2022-06-22")))
        #expect(byMaker.id == .transitionRole)
        #expect(byMaker.missingRole == .officer)
    }

    // MARK: Call-in (published Wed 22 Jun 2022; period ends Wed 29 Jun)

    @Test func scrutinyChairCallsInAloneDuringThePeriod() throws {
        let d = publishedDecision(effective: "2022-06-30")
        let o = try #require(allowed(run(.callIn, scrutinyChair, d, on: "2022-06-29", reason: "Consultation inadequate")))
        #expect(o.decision.stage == .calledIn)
        #expect(o.decision.procedure.calledInDate == date("2022-06-29"))
        #expect(o.decision.procedure.callInMembers == ["cllr.brown"])
        #expect(o.decision.effectiveFrom == nil)
        #expect(o.audit.changes.map(\.field) == ["stage", "effectiveFrom", "procedure.calledInDate", "procedure.callInMembers"])
    }

    @Test func callInAfterThePeriodIsRefusedWithDates() throws {
        let f = try #require(refused(run(.callIn, scrutinyChair, publishedDecision(), on: "2022-06-30", reason: "Too late")))
        #expect(f.id == .callInPeriod)
        #expect(f.message == "the call-in period of 5 working days for the decision published 2022-06-22 ended 2022-06-29; call-in on 2022-06-30 is too late")
        let early = try #require(refused(run(.callIn, scrutinyChair, publishedDecision(), on: "2022-06-21", reason: "Early")))
        #expect(early.id == .callInPeriod)
        #expect(early.message == "call-in on 2022-06-21 is before publication on 2022-06-22")
        var unpublished = publishedDecision()
        unpublished.publicationDate = nil
        let undated = try #require(refused(run(.callIn, scrutinyChair, unpublished, on: "2022-06-24", reason: "x")))
        #expect(undated.id == .callInPeriod)
        #expect(undated.message == "the record has no publication date")
    }

    @Test func membersCallInWithEnoughSignatories() throws {
        let two = try #require(refused(run(.callIn, backbencher, publishedDecision(), on: "2022-06-24", reason: "Cost",
                                           members: ["cllr.amin", "CLLR.GREEN"])))
        #expect(two.id == .callInSignatures)
        #expect(two.message == "2 signatories (cllr.amin, CLLR.GREEN); 3 required")
        let three = try #require(allowed(run(.callIn, backbencher, publishedDecision(), on: "2022-06-24", reason: "Cost",
                                             members: ["cllr.amin", "cllr.okafor"])))
        #expect(three.decision.procedure.callInMembers == ["cllr.amin", "cllr.okafor", "cllr.green"])
        // An officer records a call-in received from members.
        let recorded = try #require(allowed(run(.callIn, officer, publishedDecision(), on: "2022-06-24", reason: "Cost",
                                                members: ["a", "b", "c"])))
        #expect(recorded.decision.stage == .calledIn)
        let none = try #require(refused(run(.callIn, officer, publishedDecision(), on: "2022-06-24", reason: "Cost")))
        #expect(none.id == .callInSignatures)
        #expect(none.message == "no signatories; 3 required")
    }

    @Test func chairAloneWhenRulesForbidIt() throws {
        var strict = CouncilRules()
        try strict.set("chair-may-call-in-alone", "no")
        try strict.set("call-in-members", "4")
        let f = try #require(refused(run(.callIn, scrutinyChair, publishedDecision(), on: "2022-06-24", reason: "Cost", rules: strict)))
        #expect(f.id == .callInSignatures)
        #expect(f.message == "no signatories; 4 required (the council's rules do not let the scrutiny chair call in alone)")
    }

    @Test(arguments: [
        (publishedDecision(subjectToCallIn: false), RuleID.callInOnlyWhenSubject,
         "the record says the decision is not subject to call-in"),
        (publishedDecision(urgent: true), .urgentExemptFromCallIn,
         "the decision was taken as urgent"),
        (publishedDecision(procedure: Procedure(callInWaived: true, callInWaivedBy: "Chair of O&S")),
         .urgentExemptFromCallIn, "call-in was waived with the agreement of Chair of O&S"),
        (publishedDecision(procedure: Procedure(calledInDate: date("2022-06-23"))), .calledInOnce,
         "the decision was called in on 2022-06-23"),
        (publishedDecision(stage: .effective, procedure: Procedure(calledInDate: date("2022-06-23"), callInOutcome: "no_further_action")),
         .lifecycle, "call-in applies to a decision that is published; the decision is effective"),
        (publishedDecision(published: nil, stage: .decided), .lifecycle,
         "call-in applies to a decision that is published; the decision is decided"),
    ])
    func callInRefusedForDecisionsNotCallable(d: Decision, rule: RuleID, message: String) throws {
        let f = try #require(refused(run(.callIn, scrutinyChair, d, on: "2022-06-24", reason: "Cost")))
        #expect(f.id == rule)
        #expect(f.message == message)
    }

    @Test func callInRoleAndReasonChecks() throws {
        let v = try #require(refused(run(.callIn, viewer, publishedDecision(), on: "2022-06-24", reason: "x")))
        #expect(v.id == .transitionRole)
        #expect(v.message == "guest is a viewer and may not call-in; it needs the role of scrutiny chair, member, officer or administrator")
        #expect(v.missingRole == .scrutinyChair)
        let noReason = try #require(refused(run(.callIn, scrutinyChair, publishedDecision(), on: "2022-06-24")))
        #expect(noReason.id == .reasonForTheAct)
        let maker = try #require(refused(run(.callIn, childrenMember, publishedDecision(), on: "2022-06-24", reason: "x")))
        #expect(maker.missingRole == .scrutinyChair)
    }

    // MARK: Resolve and reconsider

    var calledIn: Decision {
        publishedDecision(stage: .calledIn, procedure: Procedure(calledInDate: date("2022-06-24"), callInMembers: ["cllr.brown"]))
    }

    @Test func resolveNoFurtherActionTakesEffect() throws {
        let f = try #require(refused(run(.resolveCallIn, scrutinyChair, calledIn, on: "2022-07-05", reason: "Satisfied")))
        #expect(f.id == .callInOutcome)
        #expect(f.message == "give the outcome: no_further_action, refer_back, refer_to_council")
        let o = try #require(allowed(run(.resolveCallIn, scrutinyChair, calledIn, on: "2022-07-05", reason: "Satisfied",
                                         outcome: .noFurtherAction)))
        #expect(o.decision.stage == .effective)
        #expect(o.decision.effectiveFrom == date("2022-07-05"))
        #expect(o.decision.procedure.callInOutcome == "no_further_action")
        #expect(o.warnings.isEmpty)
        let again = try #require(refused(run(.resolveCallIn, scrutinyChair, o.decision, on: "2022-07-06", reason: "x", outcome: .referBack)))
        #expect(again.id == .lifecycle)
        var resolved = calledIn
        resolved.procedure.callInOutcome = "refer_back"
        resolved.procedure.callInResolvedDate = date("2022-07-05")
        let twice = try #require(refused(run(.resolveCallIn, scrutinyChair, resolved, on: "2022-07-06", reason: "x", outcome: .noFurtherAction)))
        #expect(twice.id == .resolvedOnce)
        #expect(twice.message == "scrutiny already resolved: \(CallInOutcome.referBack.label) on 2022-07-05")
        let beforeCallIn = try #require(refused(run(.resolveCallIn, scrutinyChair, calledIn, on: "2022-06-23", reason: "x",
                                                    outcome: .noFurtherAction)))
        #expect(beforeCallIn.id == .scrutinyMeetsAfterCallIn)
        #expect(beforeCallIn.message == "resolution on 2022-06-23 is before the call-in on 2022-06-24")
    }

    @Test func resolveRefusedWhenNotCalledIn() throws {
        let f = try #require(refused(run(.resolveCallIn, scrutinyChair, publishedDecision(), on: "2022-07-05", reason: "x", outcome: .referBack)))
        #expect(f.id == .lifecycle)
        #expect(f.message == "resolve-call-in applies to a decision that is called in; the decision is published")
        let member = try #require(refused(run(.resolveCallIn, backbencher, calledIn, on: "2022-07-05", reason: "x", outcome: .referBack)))
        #expect(member.missingRole == .scrutinyChair)
    }

    @Test func referBackThenReconsider() throws {
        let referred = try #require(allowed(run(.resolveCallIn, scrutinyChair, calledIn, on: "2022-07-12", reason: "Consult schools",
                                                outcome: .referBack)))
        #expect(referred.decision.stage == .calledIn)
        #expect(referred.decision.status == calledIn.status)
        // 10 working days from Fri 24 Jun: Fri 8 Jul.
        #expect(referred.warnings == ["R-SCRUTINY-MEETING: scrutiny met 2022-07-12, after the latest date 2022-07-08"])

        let before = try #require(refused(run(.reconsider, childrenMember, calledIn, on: "2022-07-12", reason: "x")))
        #expect(before.id == .reconsiderAfterReferral)
        #expect(before.message == "scrutiny has not yet resolved the call-in")

        let other = try #require(refused(run(.reconsider, financeMember, referred.decision, on: "2022-07-14", reason: "x")))
        #expect(other.missingRole == .decisionMaker)

        let confirmed = try #require(allowed(run(.reconsider, childrenMember, referred.decision, on: "2022-07-14",
                                                 reason: "Schools consulted; no change")))
        #expect(confirmed.decision.stage == .effective)
        #expect(confirmed.decision.effectiveFrom == date("2022-07-14"))

        let amended = try #require(allowed(run(.reconsider, childrenMember, referred.decision, on: "2022-07-14",
                                               reason: "Schools consulted", amendments: "Add a schools forum report.")))
        #expect(amended.decision.stage == .effective)
        #expect(amended.decision.resolutions.last?.text == "Add a schools forum report.")

        let early = try #require(refused(run(.reconsider, childrenMember, referred.decision, on: "2022-07-11", reason: "x")))
        #expect(early.id == .reconsiderAfterReferral)
        #expect(early.message == "reconsideration on 2022-07-11 is before the referral on 2022-07-12")
    }

    // MARK: Waive call-in

    @Test func waiveCallIn() throws {
        let byChair = try #require(allowed(run(.waiveCallIn, scrutinyChair, publishedDecision(), on: "2022-06-23",
                                               reason: "Grant deadline 1 July")))
        #expect(byChair.decision.stage == .effective)
        #expect(byChair.decision.procedure.callInWaived)
        #expect(byChair.decision.procedure.callInWaivedBy == "Chair of Overview and Scrutiny (cllr.brown)")
        #expect(byChair.decision.effectiveFrom == date("2022-06-23"))
        #expect(byChair.decision.urgencyReason == "Grant deadline 1 July")

        let officerNoConsent = try #require(refused(run(.waiveCallIn, officer, publishedDecision(), on: "2022-06-23", reason: "Deadline")))
        #expect(officerNoConsent.id == .waiverNeedsConsent)
        #expect(officerNoConsent.message == "record who agreed to waive call-in")
        let officerWithConsent = try #require(allowed(run(.waiveCallIn, officer, publishedDecision(), on: "2022-06-23", reason: "Deadline",
                                                          consentBy: "Cllr Brown, Chair of O&S")))
        #expect(officerWithConsent.decision.procedure.callInWaivedBy == "Cllr Brown, Chair of O&S")

        let afterPeriod = try #require(refused(run(.waiveCallIn, scrutinyChair, publishedDecision(), on: "2022-06-30", reason: "x")))
        #expect(afterPeriod.id == .waiverBeforePeriodEnds)
        #expect(afterPeriod.message == "the call-in period ended 2022-06-29; nothing to waive on 2022-06-30")

        // Waived before publication: publishing makes it effective at once.
        let decided = try #require(allowed(run(.waiveCallIn, scrutinyChair, publishedDecision(published: nil, stage: .decided),
                                               on: "2022-06-21", reason: "Deadline")))
        #expect(decided.decision.stage == .decided)
        let published = try #require(allowed(run(.publish, officer, decided.decision, on: "2022-06-22")))
        #expect(published.decision.stage == .effective)
        #expect(published.decision.effectiveFrom == date("2022-06-20"))
    }

    // MARK: Effective and implement

    @Test func markEffectiveAndImplementWaitForTheEffectiveDate() throws {
        let d = publishedDecision()
        let early = try #require(refused(run(.implement, officer, d, on: "2022-06-27")))
        #expect(early.id == .implementWhenEffective)
        #expect(early.message == "the decision is effective from 2022-06-30 (call-in period for the decision published 2022-06-22 ends 2022-06-29); not on 2022-06-27")
        let earlyMark = try #require(refused(run(.markEffective, officer, d, on: "2022-06-29")))
        #expect(earlyMark.id == .effectiveWhenPeriodEnds)

        let effective = try #require(allowed(run(.markEffective, officer, d, on: "2022-06-30")))
        #expect(effective.decision.stage == .effective)
        #expect(effective.decision.effectiveFrom == date("2022-06-30"))
        let implemented = try #require(allowed(run(.implement, childrenMember, effective.decision, on: "2022-07-01")))
        #expect(implemented.decision.stage == .implemented)

        // Straight from published once the date has come; the record's own date governs.
        let recorded = publishedDecision(effective: "2022-06-28")
        #expect(allowed(run(.implement, officer, recorded, on: "2022-06-28")) != nil)
        let other = try #require(refused(run(.implement, financeMember, recorded, on: "2022-06-28")))
        #expect(other.missingRole == .decisionMaker)
    }

    @Test func implementNotFromProposed() throws {
        let f = try #require(refused(run(.implement, officer, memberProposal(), on: "2022-06-28")))
        #expect(f.id == .lifecycle)
        #expect(f.message == "implement applies to a decision that is published or effective; the decision is proposed")
    }

    // MARK: Viewers and availability

    @Test(arguments: TransitionKind.allCases)
    func viewersCanDoNothing(kind: TransitionKind) throws {
        for d in [cabinetKeyDecision(), publishedDecision(), calledIn] {
            let f = try #require(refused(run(kind, viewer, d, on: "2022-06-24", reason: "x", scheduledFor: "2022-07-01",
                                             members: ["a", "b", "c"], outcome: .referBack, amendments: "a", consentBy: "c")))
            #expect(f.id == .transitionRole)
            #expect(f.missingRole != nil)
            #expect(Workflow.available(for: d, actor: viewer).isEmpty)
        }
    }

    @Test func availableKinds() {
        #expect(Workflow.available(for: cabinetKeyDecision(), actor: officer) == [
            .schedule, .recordPapers, .recordGeneralException, .recordSpecialUrgency, .approve, .approveWithAmendments,
            .reject, .defer, .withdraw,
        ])
        #expect(Workflow.available(for: memberProposal(), actor: officer) == [.schedule, .recordPapers, .defer, .withdraw])
        #expect(Workflow.available(for: memberProposal(), actor: childrenMember) == [.approve, .approveWithAmendments, .reject, .defer, .withdraw])
        #expect(Workflow.available(for: memberProposal(), actor: financeMember).isEmpty)
        #expect(Workflow.available(for: publishedDecision(), actor: backbencher) == [.callIn])
        #expect(Workflow.available(for: publishedDecision(), actor: scrutinyChair) == [.callIn, .waiveCallIn])
        #expect(Workflow.available(for: publishedDecision(urgent: true), actor: scrutinyChair).isEmpty)
        #expect(Workflow.available(for: publishedDecision(), actor: officer) == [.callIn, .waiveCallIn, .markEffective, .implement])
        #expect(Workflow.available(for: calledIn, actor: scrutinyChair) == [.resolveCallIn])
        #expect(Workflow.available(for: calledIn, actor: childrenMember).isEmpty)
        #expect(Set(Workflow.available(for: cabinetKeyDecision(), actor: admin)) == Set(
            TransitionKind.allCases.filter { $0.fromStages.contains(.proposed) }))
    }

    // MARK: A whole lifecycle

    @Test func fullLifecycleOfACabinetKeyDecision() throws {
        var d = cabinetKeyDecision()
        d.procedure.scheduledFor = nil
        d.reasons = "Best value tender."
        d.alternatives = "Extend the current contract: rejected on cost."
        var actions: [String] = []
        func step(_ kind: TransitionKind, _ actor: Actor, on day: String, reason: String? = nil, scheduledFor: String? = nil,
                  noticeDate: String? = nil, outcome: CallInOutcome? = nil) throws {
            let o = try #require(allowed(run(kind, actor, d, on: day, reason: reason, scheduledFor: scheduledFor,
                                             noticeDate: noticeDate, outcome: outcome)))
            d = o.decision
            actions.append(o.audit.action + ":" + o.audit.stageAfter.rawValue)
        }
        try step(.schedule, officer, on: "2026-10-20", scheduledFor: "2026-11-23", noticeDate: "2026-10-20")
        try step(.recordPapers, officer, on: "2026-11-16")
        try step(.approve, officer, on: "2026-11-23")
        try step(.publish, officer, on: "2026-11-24")
        #expect(d.effectiveFrom == date("2026-12-02"))   // period ends Tue 1 Dec
        try step(.callIn, scrutinyChair, on: "2026-11-26", reason: "Value for money")
        try step(.resolveCallIn, scrutinyChair, on: "2026-12-07", reason: "Explain the evaluation", outcome: .referBack)
        try step(.reconsider, officer, on: "2026-12-14", reason: "Cabinet confirmed")
        try step(.implement, officer, on: "2026-12-15")
        #expect(actions == ["schedule:proposed", "record-papers:proposed", "approve:decided", "publish:published",
                            "call-in:called_in", "resolve-call-in:called_in", "reconsider:effective", "implement:implemented"])
        #expect(d.status == "For Determination", "only the publisher's status: the workflow never writes it")
        let calc = DeadlineCalculator()
        #expect(calc.deadlines(for: d, today: date("2026-12-15")).map(\.state.machine) == ["met", "met", "met", "met", "met", "met"])
        #expect(calc.nextDeadline(for: d, today: date("2026-12-15")) == nil)
    }
}
