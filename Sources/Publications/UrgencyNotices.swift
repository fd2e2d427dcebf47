import Decisions

/// Notice under the general exception, reg 10 of SI 2012/2089: 28 clear days' notice was
/// impracticable, so the chair of the relevant overview and scrutiny committee was told in
/// writing and the decision waits the council's clear days after this notice.
public struct GeneralExceptionNotice: PublishedDocument {
    public static let kind = PublicationKind.generalException

    public var reference: String
    public var matter: String
    public var decisionMaker: String
    public var dateToBeTaken: String?
    /// When written notice went to the scrutiny chair (and this notice was published).
    public var noticeGiven: String
    public var clearDays: Int
    /// Why compliance with regulation 9 is impracticable.
    public var reasons: String?
    public var privately: PrivateReason?

    /// nil when no general exception is on the record. `reasons`: why 28 days' notice was
    /// impracticable, as given when the exception was recorded.
    public init?(decision d: Decision, reasons: String?, clearDays: Int) {
        guard let given = d.procedure.generalExceptionDate else { return nil }
        reference = d.reference ?? d.id.map { "#\($0)" } ?? "-"
        matter = d.title
        decisionMaker = d.decisionMaker
        dateToBeTaken = DocumentDate.long(d.dateToBeTaken)
        noticeGiven = DocumentDate.long(given)
        self.clearDays = clearDays
        self.reasons = reasons ?? d.urgencyReason
        privately = PrivateReason(d.exemptParagraphs)
    }
}

/// Notice of special urgency, reg 11 of SI 2012/2089: the chair of the relevant overview and
/// scrutiny committee (failing that the chair or vice-chair of the council) agreed that the
/// decision is urgent and cannot reasonably be deferred.
public struct SpecialUrgencyNotice: PublishedDocument {
    public static let kind = PublicationKind.specialUrgency

    public var reference: String
    public var matter: String
    public var decisionMaker: String
    public var dateToBeTaken: String?
    /// Who agreed that the decision is urgent.
    public var agreedBy: String
    /// Why the decision is urgent and cannot reasonably be deferred.
    public var reasons: String?
    public var privately: PrivateReason?

    /// nil when no special urgency is on the record.
    public init?(decision d: Decision) {
        guard let consent = d.procedure.specialUrgencyConsent else { return nil }
        reference = d.reference ?? d.id.map { "#\($0)" } ?? "-"
        matter = d.title
        decisionMaker = d.decisionMaker
        dateToBeTaken = DocumentDate.long(d.dateToBeTaken ?? d.decisionDate)
        agreedBy = consent
        reasons = d.urgencyReason
        privately = PrivateReason(d.exemptParagraphs)
    }
}
