import Decisions

/// The record of an executive decision, regs 12 and 13 of SI 2012/2089.
public struct RecordOfDecision: PublishedDocument {
    public static let kind = PublicationKind.recordOfDecision

    public var reference: String
    public var title: String
    public var decisionMaker: String
    public var meeting: String?
    public var decisionDate: String?
    public var publishedOn: String?
    public var isKeyDecision: Bool
    public var keyReason: String?
    public var wards: String?
    /// Set for an exempt decision: why its text is not published.
    public var withheld: String?
    public var resolutions: [PublishedResolution]
    public var hasResolutions: Bool
    /// The decision as one text, when it has no separate resolutions.
    public var decisionText: String?
    public var reasons: String?
    public var alternatives: String?
    public var declarations: [PublishedDeclaration]
    public var hasDeclarations: Bool
    /// Interests as the published record states them in words, when not listed one by one.
    public var interestsStatement: String?
    public var attendance: [PublishedAttendee]
    public var hasAttendance: Bool
    public var documents: [PublishedDocumentLink]
    public var hasDocuments: Bool
    /// The call-in period, or why the decision is not subject to call-in.
    public var callIn: String
    public var effectiveFrom: String?

    /// `decision` is as the public sees it. `callInEnds` and `effectiveFrom` are the dates the
    /// council's rules give; `declarations` and `attendance` are what the register holds.
    public init(decision d: Decision, callInEnds: CivilDate?, effectiveFrom: CivilDate?,
                declarations: [InterestDeclaration], attendance: [Attendee]) {
        reference = d.reference ?? d.id.map { "#\($0)" } ?? "-"
        title = d.title
        decisionMaker = d.decisionMaker
        meeting = d.meeting.map { m in
            [m.body, DocumentDate.long(m.date), m.item.map { "item \($0)" }].compactMap { $0 }.joined(separator: ", ")
        }
        decisionDate = DocumentDate.long(d.decisionDate)
        publishedOn = DocumentDate.long(d.publicationDate)
        isKeyDecision = d.isKeyDecision
        keyReason = d.keyReason
        wards = d.wards.isEmpty ? nil : d.wards.joined(separator: ", ")
        withheld = d.isExempt ? d.withheldNotice : nil
        resolutions = d.resolutions.map { PublishedResolution(label: $0.label, text: $0.text) }
        hasResolutions = !resolutions.isEmpty
        decisionText = hasResolutions || d.isExempt ? nil : d.decisionText
        reasons = d.reasons
        alternatives = d.alternatives
        self.declarations = declarations.map(PublishedDeclaration.init)
        hasDeclarations = !declarations.isEmpty
        interestsStatement = declarations.isEmpty ? d.interests?.trimmingCharacters(in: .whitespacesAndNewlines) : nil
        if interestsStatement?.isEmpty == true { interestsStatement = nil }
        self.attendance = attendance.map(PublishedAttendee.init)
        hasAttendance = !attendance.isEmpty
        documents = d.documents.map(PublishedDocumentLink.init)
        hasDocuments = !documents.isEmpty
        self.effectiveFrom = DocumentDate.long(effectiveFrom)
        callIn = Self.callInStatement(d, callInEnds: callInEnds)
    }

    private static func callInStatement(_ d: Decision, callInEnds: CivilDate?) -> String {
        guard d.isSubjectToCallIn else { return "This decision is not subject to call-in." }
        if d.isUrgent || d.procedure.callInWaived {
            return "This decision was taken as urgent and is exempt from call-in"
                + (d.procedure.callInWaivedBy.map { ", with the agreement of the \($0)" } ?? "") + "."
        }
        if let called = d.procedure.calledInDate { return "This decision was called in on \(DocumentDate.long(called))." }
        guard let end = callInEnds else { return "The call-in period runs from the publication of this record." }
        return "This decision may be called in until the end of \(DocumentDate.long(end))."
    }
}

public struct PublishedResolution: Sendable, Hashable {
    public var label: String?
    public var text: String
}

/// A conflict of interest declared by a member consulted, and any dispensation granted for it (reg 13).
public struct PublishedDeclaration: Sendable, Hashable {
    public var member: String
    public var kind: String
    public var nature: String?
    public var dispensation: String?

    init(_ declaration: InterestDeclaration) {
        member = declaration.member; kind = declaration.kind.label; nature = declaration.detail; dispensation = declaration.dispensation
    }
}

public struct PublishedAttendee: Sendable, Hashable {
    public var name: String
    public var role: String?
    /// "Present", "Apologies", as recorded.
    public var status: String?

    init(_ attendee: Attendee) { name = attendee.name; role = attendee.role; status = attendee.attendance }
}
