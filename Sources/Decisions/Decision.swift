/// Who takes a decision.
public enum MakerKind: String, CaseIterable, Codable, Sendable {
    case cabinet
    case individualMember = "individual_member"
    case officer
    case committee

    /// Infers the kind from the decision maker's name as published.
    public static func infer(from maker: String) -> MakerKind {
        let m = maker.lowercased()
        if m.contains("cabinet member") || m.contains("portfolio holder") || m.contains("lead member")
            || m.contains("executive member") || m.contains("leader of the council") || m.hasPrefix("leader")
            || m.contains("mayor") { return .individualMember }
        if m.contains("cabinet") || m.contains("executive") { return .cabinet }
        if m.contains("director") || m.contains("officer") || m.contains("head of") || m.contains("chief")
            || m.contains("manager") { return .officer }
        return .committee
    }
}

/// One resolution of a decision, with its label exactly as published ("(a)", "1.", or none).
public struct Resolution: Hashable, Codable, Sendable {
    public var label: String?
    public var text: String
    public init(label: String? = nil, text: String) { self.label = label; self.text = text }
}

/// A document published with a decision or agenda item.
public struct DocumentLink: Hashable, Codable, Sendable {
    public var title: String
    public var url: String?
    public init(title: String, url: String? = nil) { self.title = title; self.url = url }
}

/// The meeting a decision was taken at.
public struct MeetingReference: Hashable, Codable, Sendable {
    public var body: String
    public var date: CivilDate?
    public var item: String?
    public init(body: String, date: CivilDate?, item: String? = nil) { self.body = body; self.date = date; self.item = item }
}

/// An executive decision: the record democratic services officers keep (regs 12-13).
public struct Decision: Hashable, Sendable {
    /// Store id; nil until stored.
    public var id: Int64?
    /// The council's reference or the source's own id.
    public var reference: String?
    public var title: String
    /// The decision maker exactly as published, e.g. "Children and Families Cabinet Member - 2022-2023".
    public var decisionMaker: String
    public var makerKind: MakerKind
    public var meeting: MeetingReference?
    /// The status label exactly as published.
    public var status: String
    public var stage: Stage

    public var isKeyDecision: Bool
    public var keyReason: String?
    public var isSubjectToCallIn: Bool
    public var isUrgent: Bool
    public var urgencyReason: String?
    /// Schedule 12A paragraph numbers; non-empty means the decision is exempt.
    public var exemptParagraphs: [Int]
    public var wards: [String]
    public var reportAuthor: String?
    /// Who to ask about the decision (the forward plan names a contact for each entry).
    public var contact: String?

    public var publicationDate: CivilDate?
    public var decisionDate: CivilDate?
    public var effectiveFrom: CivilDate?

    public var purpose: String?
    public var decisionText: String?
    public var resolutions: [Resolution]
    public var reasons: String?
    public var alternatives: String?
    public var interests: String?
    public var documents: [DocumentLink]
    /// Where the record came from (file path or URL).
    public var source: String?

    /// Statutory procedure on the record (the engine's guards read these).
    public var procedure: Procedure
    /// Optimistic-concurrency version, bumped by every stored change.
    public var version: Int

    public var isExempt: Bool { !exemptParagraphs.isEmpty }

    public init(
        id: Int64? = nil, reference: String? = nil, title: String, decisionMaker: String,
        makerKind: MakerKind? = nil, meeting: MeetingReference? = nil, status: String = "", stage: Stage? = nil,
        isKeyDecision: Bool = false, keyReason: String? = nil, isSubjectToCallIn: Bool = false,
        isUrgent: Bool = false, urgencyReason: String? = nil, exemptParagraphs: [Int] = [], wards: [String] = [],
        reportAuthor: String? = nil, publicationDate: CivilDate? = nil, decisionDate: CivilDate? = nil,
        effectiveFrom: CivilDate? = nil, purpose: String? = nil, decisionText: String? = nil,
        resolutions: [Resolution] = [], reasons: String? = nil, alternatives: String? = nil,
        interests: String? = nil, documents: [DocumentLink] = [], source: String? = nil,
        procedure: Procedure = Procedure(), version: Int = 0, contact: String? = nil
    ) {
        self.id = id; self.reference = reference; self.title = title; self.decisionMaker = decisionMaker
        self.makerKind = makerKind ?? MakerKind.infer(from: decisionMaker)
        self.meeting = meeting; self.status = status
        self.stage = stage ?? Stage.fromPublishedStatus(status)
        self.isKeyDecision = isKeyDecision; self.keyReason = keyReason
        self.isSubjectToCallIn = isSubjectToCallIn; self.isUrgent = isUrgent; self.urgencyReason = urgencyReason
        self.exemptParagraphs = exemptParagraphs; self.wards = wards; self.reportAuthor = reportAuthor
        self.publicationDate = publicationDate; self.decisionDate = decisionDate; self.effectiveFrom = effectiveFrom
        self.purpose = purpose; self.decisionText = decisionText; self.resolutions = resolutions
        self.reasons = reasons; self.alternatives = alternatives; self.interests = interests
        self.documents = documents; self.source = source; self.procedure = procedure; self.version = version
        self.contact = contact
    }

    /// The identity used to recognise a re-import of the same record: the council's
    /// reference when there is one, otherwise maker, date and title.
    public var naturalKey: String {
        if let reference, !reference.isEmpty { return "ref:" + reference }
        let date = decisionDate?.iso ?? meeting?.date?.iso ?? publicationDate?.iso ?? "-"
        return "key:" + [decisionMaker, date, title].map { $0.lowercased() }.joined(separator: "|")
    }

    /// The date a register lists the decision under: decided, else published, else meeting, else scheduled.
    public var registerDate: CivilDate? { decisionDate ?? publicationDate ?? meeting?.date ?? procedure.scheduledFor }
}

/// Procedure facts recorded against a decision: notices given, consents, call-in.
public struct Procedure: Hashable, Codable, Sendable {
    /// Date the key decision first appeared on the forward plan (notice of key decisions).
    public var noticeDate: CivilDate?
    /// Date written notice under the general exception (reg 10) went to the scrutiny chair.
    public var generalExceptionDate: CivilDate?
    /// Who agreed special urgency (reg 11), e.g. "Chair of O&S"; nil when not agreed.
    public var specialUrgencyConsent: String?
    /// The meeting the decision is to be taken at or was scheduled for (papers are due before it).
    public var scheduledFor: CivilDate?
    /// Date the decision was called in.
    public var calledInDate: CivilDate?
    /// True when call-in was waived for urgency with the scrutiny chair's consent.
    public var callInWaived: Bool
    /// Who agreed to waive call-in (e.g. "Chair of Overview and Scrutiny"), when waived.
    public var callInWaivedBy: String?
    /// How scrutiny resolved a call-in, when it has (a `CallInOutcome` raw value:
    /// "no_further_action", "refer_back", "refer_to_council").
    public var callInOutcome: String?
    /// Date the meeting papers (agenda and report) were published (regs 6-7).
    public var papersPublishedDate: CivilDate?
    /// Members who signed the call-in (empty when the scrutiny chair called it in alone).
    public var callInMembers: [String]
    /// Date scrutiny resolved the call-in.
    public var callInResolvedDate: CivilDate?
    /// Date the decision maker reconsidered after a referral (confirmed or amended).
    public var reconsideredDate: CivilDate?

    public init(noticeDate: CivilDate? = nil, generalExceptionDate: CivilDate? = nil, specialUrgencyConsent: String? = nil,
                scheduledFor: CivilDate? = nil, calledInDate: CivilDate? = nil, callInWaived: Bool = false,
                callInOutcome: String? = nil, papersPublishedDate: CivilDate? = nil, callInMembers: [String] = [],
                callInResolvedDate: CivilDate? = nil, reconsideredDate: CivilDate? = nil, callInWaivedBy: String? = nil) {
        self.noticeDate = noticeDate; self.generalExceptionDate = generalExceptionDate
        self.specialUrgencyConsent = specialUrgencyConsent; self.scheduledFor = scheduledFor
        self.calledInDate = calledInDate; self.callInWaived = callInWaived; self.callInOutcome = callInOutcome
        self.papersPublishedDate = papersPublishedDate; self.callInMembers = callInMembers
        self.callInResolvedDate = callInResolvedDate; self.reconsideredDate = reconsideredDate
        self.callInWaivedBy = callInWaivedBy
    }

    private enum CodingKeys: String, CodingKey {
        case noticeDate, generalExceptionDate, specialUrgencyConsent, scheduledFor, calledInDate, callInWaived,
             callInOutcome, papersPublishedDate, callInMembers, callInResolvedDate, reconsideredDate, callInWaivedBy
    }

    /// Decodes older records too: the fields added later may be missing.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            noticeDate: try c.decodeIfPresent(CivilDate.self, forKey: .noticeDate),
            generalExceptionDate: try c.decodeIfPresent(CivilDate.self, forKey: .generalExceptionDate),
            specialUrgencyConsent: try c.decodeIfPresent(String.self, forKey: .specialUrgencyConsent),
            scheduledFor: try c.decodeIfPresent(CivilDate.self, forKey: .scheduledFor),
            calledInDate: try c.decodeIfPresent(CivilDate.self, forKey: .calledInDate),
            callInWaived: try c.decodeIfPresent(Bool.self, forKey: .callInWaived) ?? false,
            callInOutcome: try c.decodeIfPresent(String.self, forKey: .callInOutcome),
            papersPublishedDate: try c.decodeIfPresent(CivilDate.self, forKey: .papersPublishedDate),
            callInMembers: try c.decodeIfPresent([String].self, forKey: .callInMembers) ?? [],
            callInResolvedDate: try c.decodeIfPresent(CivilDate.self, forKey: .callInResolvedDate),
            reconsideredDate: try c.decodeIfPresent(CivilDate.self, forKey: .reconsideredDate),
            callInWaivedBy: try c.decodeIfPresent(String.self, forKey: .callInWaivedBy))
    }
}
