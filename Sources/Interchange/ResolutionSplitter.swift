import Foundation
import Decisions

/// Splits the text of a decision into its resolutions, keeping each label as published.
///
/// The top-level list is the first item labelled 1, a or i (`1.`, `1)`, `(1)`, `(a)`, `a)`, `a.`,
/// `i.`, `(i)`, `i)`) and the items after it in the same style and in sequence. Items in another
/// style, or out of sequence, are nested and stay inside their parent. An item starts at the
/// beginning of a line, after `:`, `.` or `;` (lists run together on one line), or after a
/// leading "That"; a label inside a sentence ("approve (i) this and (ii) that") is left whole.
enum ResolutionSplitter {
    /// A list label: its shape, and the positions in a sequence it can stand for ("i" is the
    /// ninth letter or the first roman numeral).
    struct Label: Equatable {
        enum Shape { case dot, close, parens }
        enum Kind { case number, lower, upper }
        /// How a list counts: "i, ii, iii" and "a, b, c" share their letters but not their sequence.
        enum Counting { case numbers, letters, romans }
        var shape: Shape
        var kind: Kind
        var ordinals: [Counting: Int]
        var text: String

        func sameStyle(as other: Label) -> Bool { shape == other.shape && kind == other.kind }
    }

    /// The label a text starts with and the text after it: "(a) text", "1. text", "ii) text".
    static func label(at text: Substring) -> (label: Label, rest: Substring)? {
        var s = text
        let parens = s.first == "("
        if parens { s = s.dropFirst() }
        let token = s.prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber) })
        guard !token.isEmpty, token.count <= 4 else { return nil }
        s = s.dropFirst(token.count)
        let shape: Label.Shape
        if parens {
            guard s.first == ")" else { return nil }
            shape = .parens
        } else if s.first == ")" {
            shape = .close
        } else if s.first == ".", !token.allSatisfy(\.isNumber) || token.count <= 2 {
            shape = .dot
        } else {
            return nil
        }
        s = s.dropFirst()
        // A label is followed by its text ("1.5" and "e.g." are not labels).
        guard let next = s.first, next == " " || next == "\t" || next == "\u{00A0}" || (shape != .dot && next.isLetter) else { return nil }
        let rest = s.drop(while: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" })
        guard !rest.isEmpty else { return nil }
        let kind: Label.Kind
        var ordinals: [Label.Counting: Int] = [:]
        if token.allSatisfy(\.isNumber) {
            guard token.count <= 2, let n = Int(token), n > 0 else { return nil }
            kind = .number
            ordinals[.numbers] = n
        } else if token.allSatisfy(\.isLetter), token == token.lowercased() || token == token.uppercased() {
            kind = token == token.lowercased() ? .lower : .upper
            let lower = token.lowercased()
            if lower.count == 1 { ordinals[.letters] = Int(lower.unicodeScalars.first!.value) - 96 }
            if let roman = romanValue(lower) { ordinals[.romans] = roman }
            guard !ordinals.isEmpty else { return nil }
        } else {
            return nil
        }
        let written = parens ? "(" + token + ")" : token + (shape == .close ? ")" : ".")
        return (Label(shape: shape, kind: kind, ordinals: ordinals, text: written), rest)
    }

    static func romanValue(_ text: String) -> Int? {
        let table = ["i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
                     "xi": 11, "xii": 12, "xiii": 13, "xiv": 14, "xv": 15]
        return table[text]
    }

    /// "(a) text", "(iv) text", "1. text", "a) text" → ("(a)", "text").
    static func leadingLabel(_ line: String) -> (label: String, rest: String)? {
        label(at: Substring(line)).map { ($0.label.text, String($0.rest)) }
    }

    /// Where items may start in a line: its beginning, after `:` `.` `;`, or after a leading "That".
    static func candidates(in line: String) -> [(index: String.Index, label: Label, rest: String.Index)] {
        var found: [(String.Index, Label, String.Index)] = []
        if let (label, rest) = label(at: line[...]) { found.append((line.startIndex, label, rest.startIndex)) }
        let lower = line.lowercased()
        if lower.hasPrefix("that "), lower.count == line.count {
            let after = line.dropFirst(5).drop(while: { $0 == " " || $0 == "\t" })
            if let (label, rest) = label(at: after) { found.append((after.startIndex, label, rest.startIndex)) }
        }
        var index = line.startIndex
        while index < line.endIndex {
            let c = line[index]
            index = line.index(after: index)
            guard c == ":" || c == "." || c == ";" else { continue }
            let after = line[index...].drop(while: { $0 == " " || $0 == "\t" })
            if let (label, rest) = label(at: after), !found.contains(where: { $0.0 == after.startIndex }) {
                found.append((after.startIndex, label, rest.startIndex))
            }
        }
        return found.sorted { $0.0 < $1.0 }
    }

    /// The text after the last "Resolved –" / "RESOLVED:" / "It was resolved" marker, if any.
    static func afterResolved(_ text: String) -> String? {
        // "RESOLVED –", "It was resolved that", or a sentence ending "... resolved to:" / "resolved that:".
        let pattern = #"(?im)^\s*(?:it was\s+)?resolved(?:\s+that\s*:|\s*[-–—:]|(?=\s+that\b))\s*|\bresolved(?:\s+(?:to|that))?\s*:\s*$"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        let range = NSRange(text.startIndex..., in: text)
        guard let match = regex.matches(in: text, range: range).last, let r = Range(match.range, in: text) else { return nil }
        let rest = text[r.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        return rest.isEmpty ? nil : rest
    }

    /// Resolutions from a block of paragraphs: each top-level item starts one, and what follows
    /// it (nested items, amounts, continuation lines) belongs to it; text before the first item is
    /// kept as an unlabelled lead-in; without items the whole block is one resolution.
    static func split(_ text: String) -> [Resolution] {
        let body = afterResolved(text) ?? text
        let paragraphs = body.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var resolutions: [Resolution] = []
        var top: Label?
        var counting = Label.Counting.numbers
        var expected = 1
        var ended = false
        func append(_ text: Substring) {
            let piece = text.trimmingCharacters(in: .whitespaces)
            guard !piece.isEmpty else { return }
            if resolutions.isEmpty {
                resolutions.append(Resolution(label: nil, text: piece))
            } else if resolutions[resolutions.count - 1].text.isEmpty {
                resolutions[resolutions.count - 1].text = piece
            } else {
                resolutions[resolutions.count - 1].text += "\n" + piece
            }
        }
        for paragraph in paragraphs {
            if ended { break }
            if top != nil, paragraph.lowercased().hasPrefix("reason") || ModernGovLabels.match(paragraph) != nil {
                // "Reason for decision: ..." and other labelled text end the resolutions.
                ended = true
                continue
            }
            var cursor = paragraph.startIndex
            for (index, label, rest) in candidates(in: paragraph) where index >= cursor {
                if let current = top {
                    guard label.sameStyle(as: current), label.ordinals[counting] == expected else { continue }
                } else {
                    // The list is counted as its first item is: "a" letters, "i" romans, "1" numbers.
                    guard let first = label.ordinals.first(where: { $0.value == 1 })?.key else { continue }
                    counting = first
                }
                append(paragraph[cursor..<index])
                top = label
                expected += 1
                resolutions.append(Resolution(label: label.text, text: ""))
                cursor = rest
            }
            append(paragraph[cursor...])
        }
        return resolutions.filter { !($0.text.isEmpty && $0.label == nil) }
    }
}
