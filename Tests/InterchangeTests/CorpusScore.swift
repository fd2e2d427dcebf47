import Foundation
import Decisions
@testable import Interchange

/// Scores the page importer against a directory of real ModernGov pages and their hand-checked
/// answer key (`pages/NNN.txt` + `expected.jsonl`, conventions in the shared corpus README).
/// A refused page counts as wrong in every field.
struct CorpusScore {
    static let fields = ["title", "decision_maker", "status", "is_key", "is_call_in", "publication_date", "decision_date",
                         "meeting", "effective_from", "urgent", "exempt_info", "resolution_count", "report_author", "wards"]

    struct Miss: CustomStringConvertible {
        var file: String, field: String, expected: String, found: String
        var description: String { "\(file) \(field): expected \(expected), found \(found)" }
    }

    var pages = 0
    var refused: [String] = []
    var right: [String: Int] = [:]
    var misses: [Miss] = []

    var fieldsRight: Int { right.values.reduce(0, +) }
    var fieldsScored: Int { pages * Self.fields.count }
    var share: Double { fieldsScored == 0 ? 0 : Double(fieldsRight) / Double(fieldsScored) }
    func share(_ field: String) -> Double { pages == 0 ? 0 : Double(right[field, default: 0]) / Double(pages) }

    /// The table `Tests/score-corpus` prints.
    var table: String {
        var lines = Self.fields.map { field in
            "score \(field.padding(toLength: 18, withPad: " ", startingAt: 0)) \(right[field, default: 0])/\(pages)  "
                + String(format: "%5.1f%%", share(field) * 100)
        }
        lines.append("score ALL FIELDS         \(fieldsRight)/\(fieldsScored)  " + String(format: "%5.1f%%", share * 100))
        lines.append("score pages refused      \(refused.count)/\(pages) \(refused.joined(separator: " "))")
        return lines.joined(separator: "\n")
    }

    init(directory: URL) throws {
        let key = try String(contentsOf: directory.appendingPathComponent("expected.jsonl"), encoding: .utf8)
        for line in key.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let expected = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let file = expected["file"] as! String
            pages += 1
            let saved = try String(contentsOf: directory.appendingPathComponent("pages/" + file), encoding: .utf8)
            let view: [String: String?]
            do {
                view = try Self.view(of: Importer.reading(Data(Self.dropURLLine(saved).utf8), file: file))
            } catch {
                refused.append(file)
                for field in Self.fields { misses.append(Miss(file: file, field: field, expected: "-", found: "refused: \(error)")) }
                continue
            }
            for field in Self.fields {
                let want = Self.normalised(field, expected[field])
                let got = view[field] ?? nil
                if want == got {
                    right[field, default: 0] += 1
                } else {
                    misses.append(Miss(file: file, field: field, expected: want ?? "null", found: got ?? "null"))
                }
            }
        }
    }

    /// The corpus files begin with "URL: ..." and a blank line, which are not part of the page.
    static func dropURLLine(_ text: String) -> String {
        guard text.hasPrefix("URL:"), let end = text.firstIndex(of: "\n") else { return text }
        return String(text[text.index(after: end)...])
    }

    static func normalised(_ field: String, _ value: Any?) -> String? {
        switch value {
        // JSONSerialization gives numbers and booleans alike as NSNumber: the field says which.
        case let number as NSNumber where field == "resolution_count": return number.stringValue
        case let bool as Bool: return bool ? "true" : "false"
        case let text as String:
            if field == "meeting" { return meetingKey(text) }
            return text
        default:
            if field == "urgent" || field == "exempt_info" { return "false" }
            if field == "resolution_count" { return "0" }
            return nil
        }
    }

    /// "23/04/2020 - Cabinet (Item 9)" → "2020-04-23|Cabinet|9", the parts a record keeps.
    static func meetingKey(_ text: String) -> String? {
        let date = text.prefix(while: { !$0.isWhitespace })
        guard let civil = CivilDate(ukNumeric: date) else { return text }
        var body = text.dropFirst(date.count).drop(while: { $0 == " " || $0 == "-" || $0 == "–" })
            .trimmingCharacters(in: .whitespaces)
        var item = ""
        if let open = body.range(of: "(Item ", options: .backwards), body.hasSuffix(")") {
            item = String(body[open.upperBound..<body.index(before: body.endIndex)])
            body = String(body[..<open.lowerBound]).trimmingCharacters(in: .whitespaces)
        }
        return "\(civil.iso)|\(body)|\(item)"
    }

    /// What the importer read from one page, as the answer key states it. Values the record
    /// must hold but the page did not give (a placeholder maker, a meeting derived from the
    /// decision date, `false` for an absent Yes/No line) read as null.
    static func view(of reading: ImportReading) -> [String: String?] {
        let records = reading.records
        let item = records.meetings.first?.items.first
        // An agenda item with no decision is scored as what the meeting record holds.
        let itemRecord = item.map { item in
            Decision(title: item.title, decisionMaker: "",
                     meeting: records.meetings.first.map { MeetingReference(body: $0.body, date: $0.date, item: item.number) },
                     exemptParagraphs: item.isRestricted ? [3] : [])
        }
        guard let decision = records.decisions.first ?? item?.decision ?? itemRecord else { return [:] }
        let read = Set(reading.fields.map(\.field))
        func labelled(_ field: String, _ value: String?) -> String? { read.contains(field) ? value : nil }
        var meeting: String?
        if let m = decision.meeting, let date = m.date, read.contains("meeting") {
            meeting = "\(date.iso)|\(m.body)|\(read.contains("meeting item") ? m.item ?? "" : "")"
        }
        let wards = decision.wards.joined(separator: ", ")
        return [
            "title": read.contains("title") ? decision.title : nil,
            "decision_maker": labelled("decision maker", decision.decisionMaker),
            "status": labelled("status", decision.status),
            "is_key": labelled("key decision", decision.isKeyDecision ? "true" : "false"),
            "is_call_in": labelled("call-in", decision.isSubjectToCallIn ? "true" : "false"),
            "publication_date": decision.publicationDate?.iso,
            "decision_date": decision.decisionDate?.iso,
            "meeting": meeting,
            "effective_from": decision.effectiveFrom?.iso,
            "urgent": decision.isUrgent ? "true" : "false",
            "exempt_info": decision.isExempt ? "true" : "false",
            "resolution_count": String(decision.resolutions.filter { $0.label != nil }.count),
            "report_author": decision.reportAuthor,
            "wards": wards.isEmpty ? nil : wards,
        ]
    }
}
