import Decisions

/// CSV for spreadsheets (RFC 4180, CRLF line ends), with cells that a spreadsheet would
/// run as a formula neutralised by a leading apostrophe.
public enum DecisionCSV {
    public static let header = [
        "id", "reference", "title", "decision_maker", "maker_kind", "status", "stage", "key", "call_in", "urgent",
        "exempt_paragraphs", "wards", "publication_date", "decision_date", "effective_from", "meeting_body", "meeting_date",
        "report_author", "resolutions",
    ]

    public static func encode(_ decisions: [Decision]) -> String {
        var out = row(header)
        for d in decisions {
            out += row([
                d.id.map(String.init) ?? "", d.reference ?? "", d.title, d.decisionMaker, d.makerKind.rawValue, d.status,
                d.stage.rawValue, yesNo(d.isKeyDecision), yesNo(d.isSubjectToCallIn), yesNo(d.isUrgent),
                d.exemptParagraphs.map(String.init).joined(separator: ";"), d.wards.joined(separator: ";"),
                d.publicationDate?.iso ?? "", d.decisionDate?.iso ?? "", d.effectiveFrom?.iso ?? "", d.meeting?.body ?? "",
                d.meeting?.date?.iso ?? "", d.reportAuthor ?? "",
                d.resolutions.map { [$0.label, $0.text].compactMap { $0 }.joined(separator: " ") }.joined(separator: " | "),
            ])
        }
        return out
    }

    static func yesNo(_ value: Bool) -> String { value ? "yes" : "no" }

    static func row(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }

    /// One cell: formula triggers defused, controls neutralised as on screen (line breaks
    /// kept), quoted when it holds a comma, quote or line break.
    public static func cell(_ raw: String) -> String {
        var value = raw
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            value = "'" + value
        }
        value = sanitizeForTerminal(value, keepNewlines: true)
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}

import Foundation
import TextSafety
