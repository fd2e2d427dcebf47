import Foundation
import Decisions

/// Splits the text of a decision into its resolutions, keeping each label as published.
enum ResolutionSplitter {
    /// "(a) text", "(iv) text", "1. text", "a) text" → ("(a)", "text").
    static func leadingLabel(_ line: String) -> (label: String, rest: String)? {
        let scalars = Array(line)
        guard let first = scalars.first else { return nil }
        if first == "(" {
            guard let close = scalars.firstIndex(of: ")"), close >= 2, close <= 5 else { return nil }
            let inner = String(scalars[1..<close])
            guard inner.allSatisfy({ $0.isLetter || $0.isNumber }), inner.count <= 4,
                  inner.allSatisfy({ $0.isNumber }) || inner.count <= 1 || inner.allSatisfy({ "ivxlIVXL".contains($0) }) else { return nil }
            let rest = String(scalars[(close + 1)...]).trimmingCharacters(in: .whitespaces)
            guard !rest.isEmpty else { return nil }
            return ("(" + inner + ")", rest)
        }
        if first.isNumber {
            let digits = scalars.prefix(while: { $0.isNumber })
            guard digits.count <= 2, scalars.count > digits.count + 1, scalars[digits.count] == ".",
                  scalars[digits.count + 1] == " " || scalars[digits.count + 1] == "\t" else { return nil }
            let rest = String(scalars[(digits.count + 1)...]).trimmingCharacters(in: .whitespaces)
            guard !rest.isEmpty else { return nil }
            return (String(digits) + ".", rest)
        }
        if first.isLetter, first.isLowercase, scalars.count > 2, scalars[1] == ")", scalars[2] == " " {
            return (String(scalars[0...1]), String(scalars[2...]).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// The text after the last "Resolved –" / "RESOLVED:" / "It was resolved" marker, if any.
    static func afterResolved(_ text: String) -> String? {
        let pattern = #"(?im)^\s*(?:it was\s+)?resolved(?:\s+that\s*:|\s*[-–—:]|(?=\s+that\b))\s*"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        let range = NSRange(text.startIndex..., in: text)
        guard let match = regex.matches(in: text, range: range).last, let r = Range(match.range, in: text) else { return nil }
        let rest = text[r.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        return rest.isEmpty ? nil : rest
    }

    /// Resolutions from a block of paragraphs: each labelled paragraph starts one; unlabelled
    /// paragraphs after it belong to it; without labels the whole block is one resolution.
    static func split(_ text: String) -> [Resolution] {
        let body = afterResolved(text) ?? text
        let paragraphs = body.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard paragraphs.contains(where: { leadingLabel($0) != nil }) else {
            let whole = paragraphs.joined(separator: "\n")
            return whole.isEmpty ? [] : [Resolution(label: nil, text: whole)]
        }
        var resolutions: [Resolution] = []
        for paragraph in paragraphs {
            if let (label, rest) = leadingLabel(paragraph) {
                resolutions.append(Resolution(label: label, text: rest))
            } else if !resolutions.isEmpty && (paragraph.lowercased().hasPrefix("reason") || ModernGovLabels.match(paragraph) != nil) {
                // "Reason for decision: ..." and other labelled text end the resolutions.
                break
            } else if resolutions.isEmpty {
                resolutions.append(Resolution(label: nil, text: paragraph))
            } else {
                resolutions[resolutions.count - 1].text += "\n" + paragraph
            }
        }
        return resolutions
    }
}
