import Foundation

/// What the web-service responses of one import say about committees, for a GetMeeting
/// response, which names none: a GetMeetings response maps its meetings to their committee,
/// a GetCommittees response names committees by id; `--committee` is the last resort.
public struct CommitteeDirectory: Sendable {
    var byMeetingID: [String: String] = [:]
    var byCommitteeID: [String: String] = [:]
    public var fallback: String?

    public init(fallback: String? = nil) { self.fallback = fallback }

    /// Learns from one file if it is a GetMeetings or GetCommittees response; anything else is ignored here.
    public mutating func learn(from data: Data) {
        guard let head = String(data: data.prefix(2048), encoding: .utf8)?.lowercased(),
              head.contains("<getmeetings") || head.contains("<committees") || head.contains("<getcommittees"),
              let root = try? MeetingXMLImporter.tree(data, file: "") else { return }
        var queue = [root]
        while let node = queue.popLast() {
            if node.name == "committee", let title = MeetingXMLImporter.plain(node.value("committeetitle")) {
                if let id = node.value("committeeid") { byCommitteeID[id] = title }
                for m in node.child("committeemeetings")?.children("meeting") ?? node.children("meeting") {
                    if let id = m.value("meetingid") { byMeetingID[id] = title }
                }
            }
            queue += node.children
        }
    }
}
