import Foundation
import Decisions

/// The front sheet of a meeting's agenda: the items in order, those to be taken in private
/// listed by title and Schedule 12A paragraph only.
public struct AgendaFrontSheet: PublishedDocument {
    public static let kind = PublicationKind.agenda

    public var body: String
    public var date: String?
    public var time: String?
    public var location: String?
    public var publicItems: [AgendaLine]
    public var privateItems: [PrivateAgendaLine]
    public var hasPublicItems: Bool
    public var hasPrivateItems: Bool

    /// `items` are as the public sees them, in agenda order.
    public init(meeting: Meeting, items: [AgendaItem]) {
        body = meeting.body
        date = DocumentDate.long(meeting.date)
        time = meeting.time
        location = meeting.location
        var open: [AgendaLine] = [], closed: [PrivateAgendaLine] = []
        for (index, item) in items.enumerated() {
            // "4." and "4" are the same item number; the templates punctuate it.
            let number = item.number?.trimmingCharacters(in: CharacterSet(charactersIn: " .")).nilIfBlank ?? String(index + 1)
            let paragraphs = item.decision?.exemptParagraphs ?? []
            if item.isRestricted || !paragraphs.isEmpty {
                // Only the title and the paragraph: nothing else of a private item is published.
                closed.append(PrivateAgendaLine(number: number, title: item.title, privately: PrivateReason(paragraphs)))
            } else {
                open.append(AgendaLine(number: number, title: item.title, decisionMaker: item.decision?.decisionMaker,
                                       isKeyDecision: item.decision?.isKeyDecision ?? false,
                                       documents: item.documents.map(PublishedDocumentLink.init)))
            }
        }
        publicItems = open
        privateItems = closed
        hasPublicItems = !open.isEmpty
        hasPrivateItems = !closed.isEmpty
    }
}

public struct AgendaLine: Sendable, Hashable {
    public var number: String
    public var title: String
    public var decisionMaker: String?
    public var isKeyDecision: Bool
    public var documents: [PublishedDocumentLink]
}

public struct PrivateAgendaLine: Sendable, Hashable {
    public var number: String
    public var title: String
    /// nil when the paragraph was not recorded.
    public var privately: PrivateReason?
}

extension String {
    var nilIfBlank: String? { isEmpty ? nil : self }
}
