import Foundation
import Decisions

/// A ModernGov page read as labelled fields: the heading ("Decision details", "Agenda item",
/// "Issue - meetings"), the title, and each label's value with the line it started on.
///
/// A page is recognised by its field block, with or without its heading, in the compact layout
/// (one field a line) and the spaced one (blank and space-only lines between), with navigation
/// debris before or after. Text under no label is kept as paragraphs with their lines, for the
/// importer to place by position and wording.
struct ModernGovPage {
    struct Value {
        var label: String
        var text: String
        var line: Int
    }

    /// A paragraph of text under no label, with the line it starts on.
    struct Paragraph {
        var text: String
        var line: Int
    }

    enum Kind { case decision, issue, agendaItem }

    var kind: Kind = .decision
    /// The heading as published, lower case; nil when the saved text starts below it.
    var heading: String?
    var title: String
    var titleLine: Int?
    /// The title was not on the page: made from its text.
    var titleIsDerived = false
    /// Text between the title and the first label (agenda item introductions).
    var preamble = ""
    var preambleLine: Int?
    /// Paragraphs after a one-line field and before the next label (unlabelled decision text).
    var unlabelled: [Paragraph] = []
    var fields: [ModernGovField: Value] = [:]
    var file: String
    /// The whole page as text, for statements that can appear anywhere (exempt information).
    var fullText: String

    static let headings = ["decision details", "agenda item", "issue - meetings", "issue details", "issue - decisions"]

    /// Lines of the page's navigation and footer, never part of a record.
    static let debris: Set<String> = [
        "menu", "feedback", "back to the top of the page", "back to top", "print", "print this page", "skip to content",
        "skip to main content", "home", "search", "contact us", "accessibility", "email", "share", "share this page",
        "browse meetings", "decisions", "forward plans", "committees", "meetings", "library", "calendar",
    ]

    /// Splits text into lines (LF, CRLF or CR alike), dropping the non-breaking-space-only lines
    /// ModernGov pages are full of.
    static func lines(_ text: String) -> [(number: Int, text: String)] {
        // Swift treats "\r\n" as one Character, so splitting on newlines handles all three line ends.
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .enumerated().map { index, raw in
                (index + 1, raw.replacingOccurrences(of: "\u{00A0}", with: " ").trimmingCharacters(in: .whitespaces))
            }
    }

    static func isDebris(_ line: String) -> Bool {
        let lower = line.lowercased()
        if debris.contains(lower) { return true }
        // "• Decision details", "• Issue history": the page's own tab strip.
        if lower.hasPrefix("•"), lower.count < 40, headings.contains(where: { lower.contains($0) }) || lower.hasSuffix("history") { return true }
        return false
    }

    /// "8. Urgent Decisions PDF 222 KB" or "301 Annual Review of Exempt Items": an agenda item's
    /// heading on an issue page; the title without its number and file size.
    static func itemHeading(_ line: String) -> String? {
        let digits = line.prefix(while: \.isNumber)
        guard !digits.isEmpty, digits.count <= 4 else { return nil }
        var rest = line.dropFirst(digits.count)
        if rest.first == "." { rest = rest.dropFirst() }
        guard rest.first == " " || rest.first == "\t" else { return nil }
        var title = rest.trimmingCharacters(in: .whitespaces)
        if let r = title.range(of: #"\s*(pdf|doc|docx)\s*(icon\s+\w+\s+)?[\d.,]+\s*[KMG]B$"#, options: [.regularExpression, .caseInsensitive]) {
            title.removeSubrange(r)
        }
        guard let first = title.first, first.isUppercase, ModernGovLabels.match(title) == nil else { return nil }
        return title
    }

    init(text: String, file: String) throws {
        self.file = file
        fullText = text
        let lines = Self.lines(text).filter { !Self.isDebris($0.text) }
        let firstLabel = lines.firstIndex(where: { ModernGovLabels.match($0.text) != nil })
        let headingIndex = lines.firstIndex(where: { Self.headings.contains($0.text.lowercased()) })
            .flatMap { index in firstLabel.map { index < $0 } ?? true ? index : nil }
        let content = lines.indices.filter { !lines[$0].text.isEmpty }
        guard let firstContent = content.first else {
            throw ImportError(file: file, message: "not a ModernGov page: no text")
        }
        var bodyStart: Int
        if let headingIndex {
            heading = lines[headingIndex].text.lowercased()
            if let titleIndex = lines[(headingIndex + 1)...].firstIndex(where: { !$0.text.isEmpty }),
               ModernGovLabels.match(lines[titleIndex].text) == nil, ModernGovLabels.sectionLabel(lines[titleIndex].text) == nil {
                title = lines[titleIndex].text
                titleLine = lines[titleIndex].number
                bodyStart = titleIndex + 1
            } else if !lines[(headingIndex + 1)...].contains(where: { !$0.text.isEmpty }) {
                throw ImportError(file: file, line: lines[headingIndex].number, message: "the page ends after its heading: no title, no fields")
            } else {
                // The heading runs straight into the field block: the title is a field line's, never.
                title = ""
                titleIsDerived = true
                bodyStart = headingIndex + 1
            }
        } else if let itemTitle = Self.itemHeading(lines[firstContent].text) {
            // An issue page saved from its agenda item down: the item heading is the title.
            heading = nil
            title = itemTitle
            titleLine = lines[firstContent].number
            bodyStart = firstContent + 1
        } else {
            guard let firstLabel else {
                throw ImportError(file: file, message: "not a ModernGov page: no field block (\"Decision Maker:\", \"Decision status:\", ...) and no \"Decision details\", \"Agenda item\" or \"Issue - meetings\" heading")
            }
            heading = nil
            title = ""
            titleIsDerived = true
            bodyStart = min(firstContent, firstLabel)
        }
        var current: ModernGovField?
        var buffer: [String] = []
        var preambleLines: [(Int, String)] = []
        var loose: [(Int, String)] = []
        func flush() {
            if let field = current {
                let text = Self.paragraphs(buffer)
                let existing = fields[field]!.text
                fields[field]!.text = existing.isEmpty ? text : (text.isEmpty ? existing : existing + "\n" + text)
            }
            buffer = []
        }
        for line in lines[bodyStart...] {
            if let (field, label, rest) = ModernGovLabels.match(line.text) ?? ModernGovLabels.sectionLabel(line.text).map({ ($0.0, $0.1, "") }) {
                flush()
                current = field
                if fields[field] == nil { fields[field] = Value(label: label, text: "", line: line.number) }
                if !rest.isEmpty { buffer = [rest] }
                continue
            }
            guard let field = current else {
                if fields.isEmpty { preambleLines.append((line.number, line.text)) } else { loose.append((line.number, line.text)) }
                continue
            }
            if field.isSection {
                buffer.append(line.text)
            } else if buffer.isEmpty {
                // "Label:" with its value on the next line.
                if !line.text.isEmpty { buffer = [line.text] }
            } else {
                // A one-line field followed by unlabelled text: the text is not part of it.
                flush()
                current = nil
                loose.append((line.number, line.text))
            }
        }
        flush()
        preamble = Self.paragraphs(preambleLines.map(\.1))
        preambleLine = preambleLines.first(where: { !$0.1.isEmpty })?.0
        unlabelled = Self.paragraphsWithLines(loose)
        // Labels with nothing after them carry no value.
        for (field, value) in fields where value.text.isEmpty && !field.isSection { fields[field] = nil }
        kind = Self.kind(heading: heading, fields: Set(fields.keys), hasItemHeading: !titleIsDerived && heading == nil,
                         hasDecisionType: fields[.isKey]?.label.lowercased().hasPrefix("decision type") == true)
        if titleIsDerived { title = Self.derivedTitle(from: self) }
    }

    static func kind(heading: String?, fields: Set<ModernGovField>, hasItemHeading: Bool, hasDecisionType: Bool) -> Kind {
        switch heading {
        case "decision details": return .decision
        case "issue details", "issue - decisions": return .issue
        case "agenda item", "issue - meetings": return .agendaItem
        default:
            if hasItemHeading || fields.contains(.meeting) || fields.contains(.minutes) { return .agendaItem }
            if fields.contains(.decisionDue) || fields.contains(.noticePublished) || hasDecisionType { return .issue }
            let decisionBlock: Set<ModernGovField> = [.decisionMaker, .status, .isKey, .callIn, .publicationDate, .decisionDate,
                                                      .decidedAtMeeting, .effectiveFrom]
            return fields.isDisjoint(with: decisionBlock) ? .agendaItem : .decision
        }
    }

    /// A title for a page saved without one: the first sentence of what it is about, shortened.
    static func derivedTitle(from page: ModernGovPage) -> String {
        // "This decision will be taken under urgency procedures." is said of many issues: it names none.
        let statement = page.unlabelled.first { !$0.text.lowercased().hasPrefix("this decision will be taken under") }?.text
        let source = [page.text(.purpose), page.preamble.isEmpty ? nil : page.preamble, statement,
                      page.text(.decision), page.text(.minutes), page.text(.urgencyReason)]
            .compactMap { $0 }.first { !$0.isEmpty } ?? ""
        var sentence = source.split(separator: "\n").first.map(String.init) ?? ""
        // "1. That the report be noted." is titled by its words, not its number.
        if let (_, rest) = ResolutionSplitter.leadingLabel(sentence) { sentence = rest }
        if let end = sentence.range(of: ". ") { sentence = String(sentence[..<end.lowerBound]) }
        sentence = sentence.trimmingCharacters(in: CharacterSet(charactersIn: " .:;"))
        if sentence.count > 100 {
            let cut = sentence.prefix(100)
            sentence = (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
        }
        if sentence.isEmpty {
            let maker = page.text(.decisionMaker) ?? "Unknown decision maker"
            sentence = "Decision of " + maker + (page.text(.decisionDate).map { " on " + $0 } ?? "")
        }
        return sentence
    }

    /// Joins lines into paragraphs: blank lines separate paragraphs, runs of them count once.
    static func paragraphs(_ lines: [String]) -> String {
        paragraphsWithLines(lines.map { (0, $0) }).map(\.text).joined(separator: "\n")
    }

    /// Paragraphs with the line each starts on. A blank line ends a paragraph; so does a line
    /// ending a sentence, before a line starting with a capital or a list label (the compact layout
    /// puts each paragraph on one line, but hard-wrapped text runs on over several).
    static func paragraphsWithLines(_ lines: [(Int, String)]) -> [Paragraph] {
        var paragraphs: [Paragraph] = []
        var current: [String] = []
        var start = 0
        func end() {
            if !current.isEmpty { paragraphs.append(Paragraph(text: current.joined(separator: " "), line: start)) }
            current = []
        }
        for (number, line) in lines {
            if line.isEmpty { end(); continue }
            let startsItem = line.hasPrefix("•") || line.hasPrefix("·") || line.hasPrefix("- ") || startsWithLabel(line)
            if let last = current.last {
                let endsSentence = [".", ":", ";", "!", "?", ")", "”", "\""].contains { last.hasSuffix($0) }
                let startsAnew = line.first.map { $0.isUppercase || !$0.isLetter } ?? false
                if startsItem || (endsSentence && startsAnew) || ModernGovLabels.looksLikeField(line) { end() }
            }
            if current.isEmpty { start = number }
            current.append(line)
        }
        end()
        return paragraphs
    }

    static func startsWithLabel(_ line: String) -> Bool { ResolutionSplitter.leadingLabel(line) != nil }

    /// Each field as read, in page order, for `--explain` and scoring.
    var readings: [ImportReading.FieldReading] {
        var out: [ImportReading.FieldReading] = []
        if titleIsDerived {
            out.append(.init(field: "derived title", label: "made from the page's text (no title on the page)", line: nil, value: title))
        } else {
            out.append(.init(field: "title", label: heading.map { "after the heading \"\($0)\"" } ?? "the item heading", line: titleLine, value: title))
        }
        for (field, value) in fields.sorted(by: { $0.value.line < $1.value.line }) {
            out.append(.init(field: field.name, label: value.label, line: value.line, value: value.text))
            if field == .decidedAtMeeting || field == .meeting, value.text.contains("(Item ") {
                out.append(.init(field: "meeting item", label: value.label, line: value.line, value: value.text))
            }
        }
        return out
    }

    func text(_ field: ModernGovField) -> String? {
        guard let value = fields[field]?.text, !value.isEmpty else { return nil }
        return value
    }

    func line(_ field: ModernGovField) -> Int? { fields[field]?.line }

    func label(_ field: ModernGovField) -> String { fields[field]?.label ?? "\(field)" }

    /// A dd/mm/yyyy date, or an error naming the line and field when it is not a real date.
    func date(_ field: ModernGovField) throws -> CivilDate? {
        guard let text = text(field) else { return nil }
        let token = text.split(separator: " ").first.map(String.init) ?? text
        if let date = CivilDate(ukNumeric: token) { return date }
        throw ImportError(file: file, line: line(field), field: label(field), message: "invalid date \"\(token)\" (expected dd/mm/yyyy)")
    }

    /// Yes/No as published (Welsh Ie/Na too).
    func yesNo(_ field: ModernGovField) throws -> Bool? {
        guard let text = text(field)?.lowercased() else { return nil }
        if text.hasPrefix("yes") || text == "true" || text.hasPrefix("key") || text.hasPrefix("ie") { return true }
        if text.hasPrefix("no") || text == "false" || text.hasPrefix("non-key") || text.hasPrefix("non key") || text.hasPrefix("na") { return false }
        throw ImportError(file: file, line: line(field), field: label(field), message: "expected Yes or No, found \"\(text)\"")
    }
}
