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
    case transitionRole = "P-TRANSITION"
    case ownDecisionsOnly = "P-OWN-DECISIONS"
    case officersRecordMeetings = "P-OFFICER-MEETINGS"

    // MARK: Product policy
    case actsOnTheSystemDate = "A-SYSTEM-DATE"
    case demoOnlyOnGeneratedStore = "A-DEMO-STORE"
    case importKeepsTheWorkflow = "A-IMPORT-LIFECYCLE"

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
        }
    }

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
