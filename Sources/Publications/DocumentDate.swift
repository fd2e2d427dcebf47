import Decisions

/// Dates as a published notice writes them: "7 December 2026".
enum DocumentDate {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]

    static func long(_ date: CivilDate) -> String { "\(date.day) \(months[date.month - 1]) \(date.year)" }

    static func long(_ date: CivilDate?) -> String? { date.map(long) }
}

/// A document listed with a decision, as the public may obtain it.
public struct PublishedDocumentLink: Sendable, Hashable {
    public var title: String
    public var url: String?

    init(_ link: DocumentLink) { title = link.title; url = link.url }
}

/// Why a private item is private: its Schedule 12A paragraphs, cited.
public struct PrivateReason: Sendable, Hashable {
    /// "3" or "1, 3".
    public var paragraphs: String
    /// "financial or business affairs of a person (including the council)".
    public var reason: String

    /// nil when the decision is not exempt.
    init?(_ paragraphs: [Int]) {
        guard !paragraphs.isEmpty else { return nil }
        self.paragraphs = paragraphs.map(String.init).joined(separator: ", ")
        reason = paragraphs.map(ExemptParagraph.description).joined(separator: "; ")
    }
}
