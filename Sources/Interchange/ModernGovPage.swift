import Foundation
import Decisions

/// A ModernGov page read as labelled fields: the heading ("Decision details", "Agenda item",
/// "Issue - meetings"), the title, and each label's value with the line it started on.
struct ModernGovPage {
    struct Value {
        var label: String
        var text: String
        var line: Int
    }

    var heading: String
    var title: String
    var titleLine: Int
    /// Text between the title and the first label (agenda item introductions).
    var preamble = ""
    var fields: [ModernGovField: Value] = [:]
    var file: String
    /// The whole page as text, for statements that can appear anywhere (exempt information).
    var fullText: String

    static let headings = ["decision details", "agenda item", "issue - meetings", "issue details", "issue - decisions"]

    /// Splits text into lines, dropping the non-breaking-space-only lines ModernGov pages are full of.
    static func lines(_ text: String) -> [(number: Int, text: String)] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, raw in
            (index + 1, raw.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\r", with: "")
                .trimmingCharacters(in: .whitespaces))
        }
    }

    init(text: String, file: String) throws {
        self.file = file
        fullText = text
        let lines = Self.lines(text)
        guard let headingIndex = lines.firstIndex(where: { Self.headings.contains($0.text.lowercased()) }) else {
            throw ImportError(file: file, message: "not a ModernGov page: no \"Decision details\", \"Agenda item\" or \"Issue - meetings\" heading")
        }
        heading = lines[headingIndex].text.lowercased()
        guard let titleIndex = lines[(headingIndex + 1)...].firstIndex(where: { !$0.text.isEmpty }) else {
            throw ImportError(file: file, line: lines[headingIndex].number, message: "the page ends after its heading: no title")
        }
        title = lines[titleIndex].text
        titleLine = lines[titleIndex].number
        var current: ModernGovField?
        var buffer: [String] = []
        var preambleLines: [String] = []
        func flush() {
            if let field = current {
                let text = Self.paragraphs(buffer)
                let existing = fields[field]!.text
                fields[field]!.text = existing.isEmpty ? text : (text.isEmpty ? existing : existing + "\n" + text)
            }
            buffer = []
        }
        for line in lines[(titleIndex + 1)...] {
            if let (field, label, rest) = ModernGovLabels.match(line.text) {
                flush()
                current = field
                if fields[field] == nil { fields[field] = Value(label: label, text: "", line: line.number) }
                if !rest.isEmpty { buffer = [rest] }
                continue
            }
            guard let field = current else { preambleLines.append(line.text); continue }
            if field.isSection {
                buffer.append(line.text)
            } else if buffer.isEmpty {
                // "Label:" with its value on the next line.
                if !line.text.isEmpty { buffer = [line.text] }
            } else if !line.text.isEmpty {
                // A one-line field followed by unlabelled text: the text is not part of it.
                flush()
                current = nil
                preambleLines.append(line.text)
            }
        }
        flush()
        preamble = Self.paragraphs(preambleLines)
        // Labels with nothing after them carry no value.
        for (field, value) in fields where value.text.isEmpty && !field.isSection { fields[field] = nil }
    }

    /// Joins lines into paragraphs: blank lines separate paragraphs, runs of them count once.
    static func paragraphs(_ lines: [String]) -> String {
        var paragraphs: [String] = []
        var current: [String] = []
        for line in lines {
            if line.isEmpty {
                if !current.isEmpty { paragraphs.append(current.joined(separator: " ")); current = [] }
            } else if line.hasPrefix("•") || line.hasPrefix("·") || line.hasPrefix("- ") || Self.startsWithLabel(line) {
                // Bullets and numbered items start their own paragraph.
                if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
                current = [line]
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
        return paragraphs.joined(separator: "\n")
    }

    static func startsWithLabel(_ line: String) -> Bool { ResolutionSplitter.leadingLabel(line) != nil }

    /// Each field as read, in page order, for `--explain` and scoring.
    var readings: [ImportReading.FieldReading] {
        var out = [ImportReading.FieldReading(field: "title", label: "heading \"\(heading)\"", line: titleLine, value: title)]
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

    /// Yes/No as published.
    func yesNo(_ field: ModernGovField) throws -> Bool? {
        guard let text = text(field)?.lowercased() else { return nil }
        if text.hasPrefix("yes") || text == "true" || text.hasPrefix("key") { return true }
        if text.hasPrefix("no") || text == "false" || text.hasPrefix("non-key") || text.hasPrefix("non key") { return false }
        throw ImportError(file: file, line: line(field), field: label(field), message: "expected Yes or No, found \"\(text)\"")
    }
}
