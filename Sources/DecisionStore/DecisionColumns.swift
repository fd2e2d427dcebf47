import Foundation
import GRDB
import Decisions

/// Mapping between a Decision and its row. Lists (resolutions, documents, wards,
/// paragraphs, procedure) are JSON columns: a record is read in one row.
enum DecisionColumns {
    static let summary = """
        id, reference, title, decision_maker, maker_kind, meeting_body, meeting_date, meeting_item, status, stage,
        is_key, call_in, urgent, exempt, exempt_paragraphs, publication_date, decision_date, effective_from,
        register_date, next_deadline, procedure, version
        """
    static let full = """
        \(summary), key_reason, urgency_reason, wards, report_author, purpose, decision_text, resolutions,
        reasons, alternatives, interests, documents, source, contact
        """

    /// The same columns, qualified for queries that join the search index.
    static let qualifiedSummary = qualify(summary)
    static let qualifiedFull = qualify(full)

    static func qualify(_ columns: String) -> String {
        columns.split(separator: ",").map { "d." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func json<T: Encodable>(_ value: T) -> String {
        // Encoding plain value types cannot fail.
        String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    static func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String?, default fallback: T) -> T {
        // Most lists are empty: no decoder needed.
        guard let text, text != "[]", text != "{}", text != "null" else { return fallback }
        return (try? JSONDecoder().decode(type, from: Data(text.utf8))) ?? fallback
    }

    static func date(_ row: Row, _ column: String) -> CivilDate? {
        guard let text: String = row[column], !text.isEmpty else { return nil }
        return CivilDate(iso: text)
    }

    /// The decision from a row fetched with `summary` (texts empty) or `full` columns.
    static func decision(from row: Row) -> Decision {
        let meeting: MeetingReference? = (row["meeting_body"] as String?).map {
            MeetingReference(body: $0, date: date(row, "meeting_date"), item: row["meeting_item"])
        }
        let kind = MakerKind(rawValue: row["maker_kind"]) ?? .committee
        let stage = Stage(rawValue: row["stage"]) ?? .proposed
        var decision = Decision(
            id: row["id"], reference: row["reference"], title: row["title"], decisionMaker: row["decision_maker"],
            makerKind: kind, meeting: meeting, status: row["status"], stage: stage,
            isKeyDecision: row["is_key"], isSubjectToCallIn: row["call_in"], isUrgent: row["urgent"],
            exemptParagraphs: decodeJSON([Int].self, row["exempt_paragraphs"], default: []),
            publicationDate: date(row, "publication_date"), decisionDate: date(row, "decision_date"),
            effectiveFrom: date(row, "effective_from"),
            procedure: decodeJSON(Procedure.self, row["procedure"], default: Procedure()),
            version: row["version"])
        if row.hasColumn("resolutions") {
            decision.keyReason = row["key_reason"]
            decision.urgencyReason = row["urgency_reason"]
            decision.wards = decodeJSON([String].self, row["wards"], default: [])
            decision.reportAuthor = row["report_author"]
            decision.purpose = row["purpose"]
            decision.decisionText = row["decision_text"]
            decision.resolutions = decodeJSON([Resolution].self, row["resolutions"], default: [])
            decision.reasons = row["reasons"]
            decision.alternatives = row["alternatives"]
            decision.interests = row["interests"]
            decision.documents = decodeJSON([DocumentLink].self, row["documents"], default: [])
            decision.source = row["source"]
            decision.contact = row["contact"]
        }
        return decision
    }

    /// Column values for an insert or update, in `writable` order.
    static let writable = [
        "natural_key", "reference", "title", "decision_maker", "maker_kind", "meeting_id", "meeting_body", "meeting_date",
        "meeting_item", "status", "stage", "is_key", "key_reason", "call_in", "urgent", "urgency_reason", "exempt",
        "exempt_paragraphs", "wards", "report_author", "publication_date", "decision_date", "effective_from",
        "register_date", "next_deadline", "purpose", "decision_text", "resolutions", "reasons", "alternatives",
        "interests", "documents", "procedure", "source", "contact",
    ]

    static func values(_ d: Decision, meetingID: Int64?, nextDeadline: CivilDate?) -> [(any DatabaseValueConvertible)?] {
        [
            d.naturalKey, d.reference, d.title, d.decisionMaker, d.makerKind.rawValue, meetingID, d.meeting?.body,
            d.meeting?.date?.iso, d.meeting?.item, d.status, d.stage.rawValue, d.isKeyDecision, d.keyReason,
            d.isSubjectToCallIn, d.isUrgent, d.urgencyReason, d.isExempt, CompactJSON.ints(d.exemptParagraphs), CompactJSON.strings(d.wards),
            d.reportAuthor, d.publicationDate?.iso, d.decisionDate?.iso, d.effectiveFrom?.iso,
            d.registerDate?.iso ?? "", nextDeadline?.iso ?? noDeadline, d.purpose, d.decisionText, CompactJSON.resolutions(d.resolutions), d.reasons,
            d.alternatives, d.interests, CompactJSON.documents(d.documents), d.procedure == Procedure() ? "{}" : json(d.procedure), d.source,
            d.contact,
        ]
    }

    /// Text indexed for full-text search, split so confidential parts can be excluded.
    static func searchText(_ d: Decision, minutes: String?) -> [String] {
        let resolutions = d.resolutions.map { [$0.label, $0.text].compactMap { $0 }.joined(separator: " ") }
        // Decision text often repeats the resolutions word for word: index it once.
        let text = d.decisionText == resolutions.joined(separator: "\n") ? nil : d.decisionText
        let body = ([text] + resolutions + [d.reasons, d.alternatives]).compactMap { $0 }.joined(separator: "\n")
        return [d.title, d.purpose ?? "", body, minutes ?? ""]
    }
}
