import Decisions

/// A statutory document the publications screen offers, with what it is about.
public enum PublicationRequest: Sendable, Hashable {
    /// The notice of key decisions for `months` months from `from`.
    case forwardPlan(from: CivilDate, months: Int)
    case recordOfDecision(decisionID: Int64)
    case generalException(decisionID: Int64)
    case specialUrgency(decisionID: Int64)
    case agenda(meetingID: Int64)
}

/// One line of the publications screen: a document and how it is named there.
public struct PublicationChoice: Sendable, Hashable {
    public var request: PublicationRequest
    public var label: String
}

/// What the publications screen shows: the documents on offer, and the one previewed.
public struct PublicationsScreen: Sendable {
    public var choices: [PublicationChoice] = []
    public var cursor = 0
    /// The document previewed, as plain text lines, and where it is scrolled to.
    public var preview: (request: PublicationRequest, lines: [String])?
    public var previewScroll = 0

    public init() {}

    public var selected: PublicationChoice? { choices.indices.contains(cursor) ? choices[cursor] : nil }
}

/// Renders and publishes documents for the dashboard. Previews are for anyone; publishing is
/// an act the service refuses without the permission (rule P-PUBLISH), changing nothing.
public protocol PublicationService: AnyObject {
    /// The document as plain text, as it would be published; nothing is recorded.
    func preview(_ request: PublicationRequest) throws -> String
    /// Publishes the document (HTML, ready to print on A4) and says where it was written.
    func publish(_ request: PublicationRequest) throws -> PublicationReceipt
}

/// Where a published document was written, and what the officer should know about it.
public struct PublicationReceipt: Sendable, Equatable {
    public var path: String
    /// E.g. forward plan entries this notice reaches too late (R-KEY-NOTICE-28).
    public var notes: [String]
    public init(path: String, notes: [String] = []) { self.path = path; self.notes = notes }
}
