import Decisions

/// The notice of key decisions (the forward plan), reg 9 of SI 2012/2089: every key decision
/// to be taken in the period, with what the regulation requires the notice to say.
public struct ForwardPlan: PublishedDocument {
    public static let kind = PublicationKind.forwardPlan

    public var periodStart: String
    public var periodEnd: String
    /// The date of publication; nil for a preview that has not been published.
    public var publishedOn: String?
    public var isDraft: Bool
    public var noticeClearDays: Int
    public var entries: [ForwardPlanEntry]
    public var hasEntries: Bool

    /// `decisions` are as the public sees them (the Desk has withheld exempt information).
    /// `publishedOn` is the publication's date, nil for a preview.
    public init(period: ForwardPlanPeriod, decisions: [Decision], publishedOn: CivilDate?, noticeClearDays: Int) {
        periodStart = DocumentDate.long(period.first)
        periodEnd = DocumentDate.long(period.last)
        self.publishedOn = DocumentDate.long(publishedOn)
        isDraft = publishedOn == nil
        self.noticeClearDays = noticeClearDays
        entries = decisions.filter { $0.isOnForwardPlan(for: period) }
            .sorted { ($0.dateToBeTaken!, $0.title, $0.id ?? 0) < ($1.dateToBeTaken!, $1.title, $1.id ?? 0) }
            .map(ForwardPlanEntry.init)
        hasEntries = !entries.isEmpty
    }
}

/// One key decision on the forward plan.
public struct ForwardPlanEntry: Sendable {
    public var reference: String
    /// The matter in respect of which the decision is to be made.
    public var matter: String
    public var purpose: String?
    public var decisionMaker: String
    /// The date on which, or the period within which, the decision is to be made.
    public var dateToBeTaken: String
    public var wards: String?
    public var keyReason: String?
    /// The documents submitted to the decision maker.
    public var documents: [PublishedDocumentLink]
    public var hasDocuments: Bool
    /// Who to contact about the decision (the report author, else democratic services).
    public var contact: String
    /// When notice of this decision was first published.
    public var noticeFirstPublished: String?
    /// Set when the decision is to be taken in private, with the paragraph and reason.
    public var privately: PrivateReason?
    /// The procedure when 28 days' notice could not be given.
    public var exceptionProcedure: String?

    init(_ d: Decision) {
        reference = d.reference ?? d.id.map { "#\($0)" } ?? "-"
        matter = d.title
        purpose = d.purpose
        decisionMaker = d.decisionMaker
        dateToBeTaken = DocumentDate.long(d.dateToBeTaken!)
        wards = d.wards.isEmpty ? nil : d.wards.joined(separator: ", ")
        keyReason = d.keyReason
        documents = d.documents.map(PublishedDocumentLink.init)
        hasDocuments = !documents.isEmpty
        contact = d.reportAuthor ?? "Democratic Services"
        noticeFirstPublished = DocumentDate.long(d.procedure.noticeDate)
        privately = PrivateReason(d.exemptParagraphs)
        if d.procedure.specialUrgencyConsent != nil {
            exceptionProcedure = "To be taken under special urgency (regulation 11)"
        } else if let notice = d.procedure.generalExceptionDate {
            exceptionProcedure = "To be taken under the general exception (regulation 10); notice given \(DocumentDate.long(notice))"
        }
    }
}
