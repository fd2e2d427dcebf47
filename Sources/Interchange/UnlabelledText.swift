import Foundation
import Decisions

/// Places the paragraphs a decision page gives with no label. ModernGov prints purpose,
/// decision, reasons and alternatives in that order, and many councils leave out the labels:
/// the decision is the first paragraph worded as one (a numbered list, "RESOLVED", "That ...",
/// "Cabinet agreed ..."), what comes before it is the purpose, and the next two are the reasons
/// and the alternatives. A labelled field is never overwritten: what cannot be placed goes into
/// the record's notes, and is reported with its line.
enum UnlabelledText {
    struct Placement {
        var purpose: String?
        var decision: String?
        var reasons: String?
        var alternatives: String?
        var unplaced: [ImportReading.Unplaced] = []
        /// How each unlabelled paragraph was placed, for `--explain`.
        var fields: [ImportReading.FieldReading] = []

        var notesText: String? {
            unplaced.isEmpty ? nil : unplaced.map { "line \($0.line): \($0.text)" }.joined(separator: "\n")
        }
    }

    static let decisionOpenings = ["resolved", "agreed", "that ", "decided", "decision:", "approved", "it was resolved", "the decision",
                                   "to approve", "to agree", "to note", "approval", "recommendations approved"]
    static let deciders = ["cabinet", "committee", "council", "executive", "member", "board", "panel", "leader", "holder",
                           "director", "officer", "mayor", "was", "and", "unanimously", "subsequently", "therefore"]
    static let verbs = ["resolved", "agreed", "approved", "noted", "recommended", "decided", "endorsed", "determined"]

    /// Whether a paragraph reads as the decision itself.
    static func readsAsDecision(_ text: String) -> Bool {
        let lower = text.lowercased()
        if ResolutionSplitter.leadingLabel(text) != nil { return true }
        if decisionOpenings.contains(where: { lower.hasPrefix($0) }) { return true }
        // "The Cabinet agreed ...", "... the Cabinet Member resolved that:": a decider and its verb.
        let words = lower.split(whereSeparator: { !$0.isLetter }).map(String.init)
        return zip(words, words.dropFirst()).contains { deciders.contains($0) && verbs.contains($1) }
    }

    static func place(_ page: ModernGovPage) -> Placement {
        var placement = Placement(purpose: page.text(.purpose), decision: page.text(.decision),
                                  reasons: page.text(.reasons), alternatives: page.text(.alternatives))
        var paragraphs = page.unlabelled
        if page.kind == .decision || page.kind == .issue, !page.preamble.isEmpty, let line = page.preambleLine {
            // Text between the title and the field block: on a decision page, the purpose.
            paragraphs.insert(ModernGovPage.Paragraph(text: page.preamble, line: line), at: 0)
        }
        guard !paragraphs.isEmpty else { return placement }

        // The decision: from the first paragraph worded as one to the end of its list.
        var roles: [Int: WritableKeyPath<Placement, String?>] = [:]
        if placement.decision == nil {
            var start = paragraphs.firstIndex { readsAsDecision($0.text) }
                ?? (paragraphs.count == 1 || placement.purpose != nil ? 0 : 1)
            // "... resolved that:" before the first item leads into the decision.
            if start > 0, paragraphs[start - 1].text.hasSuffix(":") { start -= 1 }
            var end = start
            // A lead-in ending with ":" and the list items after it belong to the decision.
            while end + 1 < paragraphs.count, paragraphs[end].text.hasSuffix(":")
                    || ResolutionSplitter.leadingLabel(paragraphs[end + 1].text) != nil
                    || paragraphs[end + 1].text.hasPrefix("·") || paragraphs[end + 1].text.hasPrefix("•") {
                end += 1
            }
            // A list runs on past the amounts and sub-paragraphs between its items.
            if (start...end).contains(where: { ResolutionSplitter.leadingLabel(paragraphs[$0].text) != nil }),
               let last = paragraphs.indices.last(where: { $0 > end && ResolutionSplitter.leadingLabel(paragraphs[$0].text) != nil }) {
                end = last
            }
            for index in start...end { roles[index] = \.decision }
            if placement.purpose == nil { for index in 0..<start { roles[index] = \.purpose } }
            var next = end + 1
            for role: WritableKeyPath<Placement, String?> in [\.reasons, \.alternatives] where next < paragraphs.count {
                if placement[keyPath: role] == nil { roles[next] = role; next += 1 }
            }
        } else {
            // The decision is labelled: unlabelled paragraphs fill the sections still empty, in order.
            var free: [WritableKeyPath<Placement, String?>] = [\.purpose, \.reasons, \.alternatives].filter { placement[keyPath: $0] == nil }
            for index in paragraphs.indices where !free.isEmpty { roles[index] = free.removeFirst() }
        }
        var filled: Set<String> = []
        for (index, paragraph) in paragraphs.enumerated() {
            guard let role = roles[index] else {
                placement.unplaced.append(.init(line: paragraph.line, text: paragraph.text))
                continue
            }
            let name = role == \Placement.decision ? "decision" : role == \Placement.purpose ? "purpose"
                : role == \Placement.reasons ? "reasons" : "alternatives"
            if let existing = placement[keyPath: role], filled.contains(name) {
                placement[keyPath: role] = existing + "\n" + paragraph.text
            } else {
                placement[keyPath: role] = paragraph.text
            }
            filled.insert(name)
            placement.fields.append(.init(field: name, label: "unlabelled paragraph, placed by its position and wording",
                                          line: paragraph.line, value: paragraph.text))
        }
        return placement
    }
}
