/// Every rule and permission Cabinet Desk enforces, declared once: an id people can quote,
/// the citation (statute, constitution or the product's own policy), a one-line summary, and
/// for permissions the roles that hold them. Refusals, help texts, tests and the generated
/// RULES.md all name these ids, so a newcomer finds any rule of the domain in one step.
public enum RuleID: String, CaseIterable, Sendable, Codable {
    // MARK: Permissions (who may)
    case readExempt = "P-READ-EXEMPT"
    case importRecords = "P-IMPORT"
    case generateDemo = "P-DEMO"
    case managePeople = "P-USERS"
    case changeRules = "P-RULES"
    case manageActions = "P-ACTIONS"
    case manageMeasures = "P-MEASURES"
    case backdateAct = "P-BACKDATE"
    case recordPaperCallIn = "P-PAPER-CALL-IN"
    case signCallIn = "P-SIGN-CALL-IN"
    case shareStore = "P-SHARE-STORE"
    case copyStore = "P-COPY-STORE"
    case transitionRole = "P-TRANSITION"
    case ownDecisionsOnly = "P-OWN-DECISIONS"
    case officersRecordMeetings = "P-OFFICER-MEETINGS"
    case writeRecords = "P-AUTHOR"
    case removeDuplicate = "P-REMOVE"
    case publishDocuments = "P-PUBLISH"

    // MARK: Product policy
    case actsOnTheSystemDate = "A-SYSTEM-DATE"
    case demoOnlyOnGeneratedStore = "A-DEMO-STORE"
    case importKeepsTheWorkflow = "A-IMPORT-LIFECYCLE"
    case publishedRecordIsCorrected = "A-CORRECTION"
    case rescheduleBeforeTheDecision = "A-RESCHEDULE"

    // MARK: Statute and constitution (what the workflow enforces)
    case lifecycle = "R-LIFECYCLE"
    case reasonForTheAct = "R-REASON-REQUIRED"
    case actsNotAfterToday = "R-NOT-AFTER-TODAY"
    case scheduleForADateToCome = "R-SCHEDULE-DATE"
    case noticeRecordedOncePublished = "R-NOTICE-PUBLISHED"
    case keyDecisionNotice = "R-KEY-NOTICE-28"
    case exceptionsAreForKeyDecisions = "R-EXCEPTION-KEY-ONLY"
    case generalException = "R-GENERAL-EXCEPTION"
    case specialUrgency = "R-SPECIAL-URGENCY"
    case meetingPapers = "R-PAPERS-5-DAYS"
    case recordStatesTheDecision = "R-RECORD-DECISION"
    case recordStatesReasons = "R-RECORD-REASONS"
    case publishedAfterTheDecision = "R-PUBLISH-AFTER-DECISION"
    case publicationTarget = "R-PUBLICATION-TARGET"
    case callInOnlyWhenSubject = "R-CALL-IN-SUBJECT"
    case callInPeriod = "R-CALL-IN-PERIOD"
    case callInSignatures = "R-CALL-IN-SIGNATURES"
    case urgentExemptFromCallIn = "R-URGENT-NO-CALL-IN"
    case calledInOnce = "R-CALLED-IN-ONCE"
    case callInOutcome = "R-CALL-IN-OUTCOME"
    case scrutinyMeetsAfterCallIn = "R-SCRUTINY-MEETING"
    case resolvedOnce = "R-RESOLVED-ONCE"
    case reconsiderAfterReferral = "R-RECONSIDER-AFTER-REFERRAL"
    case waiverNeedsConsent = "R-WAIVER-CONSENT"
    case waiverBeforePeriodEnds = "R-WAIVER-IN-PERIOD"
    case effectiveWhenPeriodEnds = "R-EFFECTIVE-AFTER-PERIOD"
    case implementWhenEffective = "R-IMPLEMENT-WHEN-EFFECTIVE"

    /// The id as people quote it, e.g. "P-IMPORT".
    public var id: String { rawValue }

    public var entry: RuleEntry {
        switch self {
        case .readExempt:
            RuleEntry(citation: "Local Government Act 1972, Schedule 12A; s100A(4)",
                      summary: "Exempt information is read only by the administrator, officers, the scrutiny chair and the decision maker concerned; everyone else sees that it is withheld and why.",
                      roles: [.admin, .officer, .scrutinyChair, .decisionMaker])
        case .importRecords:
            RuleEntry(citation: "Cabinet Desk policy: the register is kept by democratic services",
                      summary: "Importing pages, XML or JSON into the register needs the officer or administrator role.",
                      roles: [.officer, .admin])
        case .generateDemo:
            RuleEntry(citation: "Cabinet Desk policy: synthetic records never mix with a real register",
                      summary: "Writing a synthetic register needs the administrator role.",
                      roles: [.admin])
        case .managePeople:
            RuleEntry(citation: "Cabinet Desk policy: roles are granted by the administrator",
                      summary: "Adding people or changing their role needs the administrator role.",
                      roles: [.admin])
        case .changeRules:
            RuleEntry(citation: "Council constitution (as configured): rules are changed by democratic services",
                      summary: "Changing the council's rules needs the officer or administrator role.",
                      roles: [.officer, .admin])
        case .manageActions:
            RuleEntry(citation: "Cabinet Desk policy: follow-up is tracked by democratic services",
                      summary: "Adding, confirming and completing follow-up actions needs the officer or administrator role.",
                      roles: [.officer, .admin])
        case .manageMeasures:
            RuleEntry(citation: "Cabinet Desk policy: improvement-plan measures are kept by democratic services",
                      summary: "Adding measures and readings needs the officer or administrator role.",
                      roles: [.officer, .admin])
        case .backdateAct:
            RuleEntry(citation: "Regs 12-13, SI 2012/2089: the record states when the act happened",
                      summary: "Only an officer or administrator may record an act that happened on an earlier day (a paper act entered late), and must give the reason; both are kept beside the real time of entry.",
                      roles: [.officer, .admin])
        case .recordPaperCallIn:
            RuleEntry(citation: "Call-in (constitution): a paper call-in request is recorded by democratic services",
                      summary: "Signatures typed on behalf of members are accepted only from an officer or administrator recording a paper request, with a reason.",
                      roles: [.officer, .admin])
        case .signCallIn:
            RuleEntry(citation: "Call-in (LGA 2000 s9F; constitution): members call in a decision by signing the request",
                      summary: "A member (or the scrutiny chair) signs a call-in request as themselves; the decision is called in when the council's number of signatures is reached within the period.",
                      roles: [.member, .scrutinyChair])
        case .shareStore:
            RuleEntry(citation: "Cabinet Desk policy: access to the register file is granted by its administrator",
                      summary: "Setting up a store to be shared by a unix group needs the administrator role.",
                      roles: [.admin])
        case .copyStore:
            RuleEntry(citation: "Cabinet Desk policy: a whole register, exempt text and audit trail, leaves only through its administrator",
                      summary: "Copying a whole register to another store (`cabinet store copy`) needs the administrator role on the register copied.",
                      roles: [.admin])
        case .transitionRole:
            RuleEntry(citation: "Cabinet Desk policy: each act has the roles that may perform it",
                      summary: "Each workflow transition may be performed only by the roles listed for it (see `cabinet transition --help`).",
                      roles: nil)
        case .ownDecisionsOnly:
            RuleEntry(citation: "Scheme of delegation: a decision maker acts only for their own decisions",
                      summary: "A decision maker approves, rejects, defers, withdraws, reconsiders and implements only decisions of the maker names they hold.",
                      roles: nil)
        case .officersRecordMeetings:
            RuleEntry(citation: "Scheme of delegation: officers record decisions taken at meetings",
                      summary: "An officer records the decisions of Cabinet and committees; an individual member's or officer's decision is taken by that decision maker.",
                      roles: nil)
        case .writeRecords:
            RuleEntry(citation: "Cabinet Desk policy: the register is kept by democratic services",
                      summary: "Writing decisions, meetings and agendas (new records, edits, agenda items, attendance and declarations of interest) needs the officer or administrator role.",
                      roles: [.officer, .admin])
        case .removeDuplicate:
            RuleEntry(citation: "Cabinet Desk policy: nothing on the register is erased",
                      summary: "Removing a duplicate record needs the administrator role and a reason; the record is kept whole as removed and the audit trail says who, when and why. A record with acts recorded on it is not removed.",
                      roles: [.admin])
        case .publishDocuments:
            RuleEntry(citation: "Regs 9-13, SI 2012/2089: the proper officer publishes the notices and records of executive decisions",
                      summary: "Publishing the notice of key decisions (which records its date as each new entry's notice date, the date R-KEY-NOTICE-28 reads), a record of decision, a general exception or special urgency notice, or an agenda front sheet needs the officer or administrator role; anyone may preview them.",
                      roles: [.officer, .admin])
        case .actsOnTheSystemDate:
            RuleEntry(citation: "Record of decisions: acts are recorded when they happen",
                      summary: "Every act is dated by the system clock; --today changes only what is shown and previewed.",
                      roles: nil)
        case .demoOnlyOnGeneratedStore:
            RuleEntry(citation: "Cabinet Desk policy: synthetic records never mix with a real register",
                      summary: "`cabinet demo` writes only to an empty store or one that holds nothing but generated records.",
                      roles: nil)
        case .importKeepsTheWorkflow:
            RuleEntry(citation: "Cabinet Desk policy: the workflow stage is the only truth about where a decision stands",
                      summary: "Importing keeps the publisher's status as the published status; it never moves a record backwards through the workflow nor erases an act recorded here.",
                      roles: nil)

        case .publishedRecordIsCorrected:
            RuleEntry(citation: "Regs 12-13, SI 2012/2089: the published record of decision",
                      summary: "Once a decision is published its record is not silently rewritten: a change is a correction, with a reason, shown in its history.")
        case .rescheduleBeforeTheDecision:
            RuleEntry(citation: "Reg 9, SI 2012/2089: the date a key decision is to be taken",
                      summary: "A decision moves to another meeting or date only while it is still to be taken; its deadlines follow the new date.")

        case .lifecycle:
            RuleEntry(citation: "Lifecycle: each act applies from the stages declared for it",
                      summary: "An act is refused unless the decision is in one of the stages it applies from (see `cabinet transition --help`); the stage, not the published status, is where a decision stands.")
        case .reasonForTheAct:
            RuleEntry(citation: "Record of decisions: the act needs a reason on the record",
                      summary: "Rejecting, deferring, withdrawing, calling in, resolving a call-in, reconsidering, waiving call-in and recording an exception or urgency each need a reason, kept on the audit log.")
        case .actsNotAfterToday:
            RuleEntry(citation: "Record of decisions: acts are recorded when they happen",
                      summary: "An act may not be dated after today.")
        case .scheduleForADateToCome:
            RuleEntry(citation: "Forward plan: a decision is scheduled for a date to come",
                      summary: "Scheduling needs the date the decision is to be taken, and that date may not be before the act.")
        case .noticeRecordedOncePublished:
            RuleEntry(citation: "Reg 9, SI 2012/2089: notice is recorded once published",
                      summary: "The notice of a key decision (forward plan) is recorded with a publication date no later than today.")
        case .keyDecisionNotice:
            RuleEntry(citation: "Reg 9, SI 2012/2089: 28 clear days' notice of a key decision",
                      summary: "A key decision is taken only after the council's clear days' notice in the forward plan, unless a general exception (R-GENERAL-EXCEPTION) or special urgency (R-SPECIAL-URGENCY) is on the record; scheduling with short notice warns.",
                      setting: "key-decision-notice")
        case .exceptionsAreForKeyDecisions:
            RuleEntry(citation: "Regs 10-11, SI 2012/2089: the general exception and special urgency concern key decisions",
                      summary: "A general exception or special urgency is recorded only for a key decision.")
        case .generalException:
            RuleEntry(citation: "Reg 10, SI 2012/2089: general exception: notice to the scrutiny chair, then 5 clear days",
                      summary: "When 28 days' notice is impracticable, a key decision may be taken once the council's clear days have passed after written notice to the chair of the relevant overview and scrutiny committee; a notice too close to the decision warns.",
                      setting: "general-exception-notice")
        case .specialUrgency:
            RuleEntry(citation: "Reg 11, SI 2012/2089: special urgency needs the agreement of the chair of the relevant overview and scrutiny committee",
                      summary: "Special urgency is recorded with who agreed that the decision is urgent and cannot reasonably be deferred (the scrutiny chair acting agrees themselves; an officer names who agreed).")
        case .meetingPapers:
            RuleEntry(citation: "Regs 6-7, SI 2012/2089: papers available 5 clear days before the meeting",
                      summary: "Papers recorded later than the council's clear days before the meeting warn; the days are counted as calendar or working days by meeting-papers-count.",
                      setting: "meeting-papers")
        case .recordStatesTheDecision:
            RuleEntry(citation: "Regs 12-13, SI 2012/2089: the record states the decision as taken and its date",
                      summary: "Approving with amendments needs the amendments; publishing needs the decision date.")
        case .recordStatesReasons:
            RuleEntry(citation: "Regs 12-13, SI 2012/2089: the record states the reasons and the alternative options considered and rejected",
                      summary: "A record is published only when it states the reasons for the decision and the alternative options considered and rejected.")
        case .publishedAfterTheDecision:
            RuleEntry(citation: "Regs 12-13, SI 2012/2089: the record is published after the decision",
                      summary: "The publication date may not be before the decision date.")
        case .publicationTarget:
            RuleEntry(citation: "Regs 12-13, SI 2012/2089: the record is published as soon as reasonably practicable",
                      summary: "Publishing later than the council's target of working days after the decision warns.",
                      setting: "publication-target")
        case .callInOnlyWhenSubject:
            RuleEntry(citation: "Call-in (LGA 2000 s9F; constitution): only decisions subject to call-in",
                      summary: "Call-in and its waiver apply only to a decision whose record says it is subject to call-in.")
        case .callInPeriod:
            RuleEntry(citation: "Call-in (constitution): within the call-in period, which runs from publication",
                      summary: "A decision is called in on or after its publication date and no later than the last day of the council's call-in period of working days.",
                      setting: "call-in-period")
        case .callInSignatures:
            RuleEntry(citation: "Call-in (constitution): by the scrutiny chair or the required number of members",
                      summary: "A call-in needs the council's number of member signatories, unless made by the scrutiny chair where chair-may-call-in-alone allows it.",
                      setting: "call-in-members")
        case .urgentExemptFromCallIn:
            RuleEntry(citation: "Call-in (constitution): urgent decisions are exempt from call-in",
                      summary: "A decision taken as urgent, or whose call-in was waived, may not be called in.")
        case .calledInOnce:
            RuleEntry(citation: "Call-in (constitution): a decision is called in once",
                      summary: "A decision already called in may not be called in again (nor its call-in waived).")
        case .callInOutcome:
            RuleEntry(citation: "Call-in (constitution): scrutiny takes no further action, refers the decision back to the decision maker, or refers it to full Council",
                      summary: "Resolving a call-in needs one of the three outcomes; no further action makes the decision effective at once.")
        case .scrutinyMeetsAfterCallIn:
            RuleEntry(citation: "Call-in (constitution): scrutiny meets after the call-in, within the council's working days",
                      summary: "A call-in is resolved no earlier than the call-in; resolving it later than the council's working days after the call-in warns.",
                      setting: "scrutiny-meeting-within")
        case .resolvedOnce:
            RuleEntry(citation: "Call-in (constitution): scrutiny resolves a call-in once",
                      summary: "A call-in already resolved may not be resolved again.")
        case .reconsiderAfterReferral:
            RuleEntry(citation: "Call-in (constitution): the decision maker reconsiders only after scrutiny refers the decision back or to full Council",
                      summary: "Reconsideration needs a referral back or to full Council, and is dated no earlier than the referral; it then takes effect.")
        case .waiverNeedsConsent:
            RuleEntry(citation: "Call-in (constitution): an urgent decision is exempt from call-in only with the scrutiny chair's agreement that delay would seriously prejudice the council's or the public's interests",
                      summary: "Waiving call-in is recorded with who agreed (the scrutiny chair acting agrees themselves; an officer names who agreed).")
        case .waiverBeforePeriodEnds:
            RuleEntry(citation: "Call-in (constitution): call-in is waived before the call-in period ends",
                      summary: "A published decision's call-in is waived no later than the last day of its call-in period.",
                      setting: "call-in-period")
        case .effectiveWhenPeriodEnds:
            RuleEntry(citation: "Call-in (constitution): a decision takes effect when the call-in period ends",
                      summary: "A published decision is marked effective only on or after its effective date: the record's own, or the one the council's effective-from rule gives.",
                      setting: "effective-from")
        case .implementWhenEffective:
            RuleEntry(citation: "Call-in (LGA 2000 s9F; constitution): a decision is not implemented before it is effective",
                      summary: "Implementation is recorded only on or after the decision's effective date.",
                      setting: "effective-from")
        }
    }

    /// Whether this is a permission (who may), as opposed to a rule about the record.
    public var isPermission: Bool { rawValue.hasPrefix("P-") }

    /// Whether `role` holds this permission (always false for rules that are not permissions).
    public func permits(_ role: Role) -> Bool { entry.roles?.contains(role) ?? false }
}

/// One row of the rule book.
public struct RuleEntry: Sendable, Hashable {
    /// Where the rule comes from: statute, constitution or product policy.
    public var citation: String
    /// The rule in one line.
    public var summary: String
    /// For a permission, the roles that hold it; nil for a rule that is not a permission.
    public var roles: [Role]?
    /// The council setting the rule reads, when it reads one (a `CouncilRules` key).
    public var setting: String?

    public init(citation: String, summary: String, roles: [Role]? = nil, setting: String? = nil) {
        self.citation = citation; self.summary = summary; self.roles = roles; self.setting = setting
    }
}
