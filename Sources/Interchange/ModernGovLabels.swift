/// The labels ModernGov pages use, with the variants seen between councils, each mapped
/// onto the field it fills.
enum ModernGovField: Sendable, Hashable {
    case decisionMaker, status, isKey, reasonKey, callIn, urgent, urgencyReason, purpose, decision, reasons, alternatives
    case interests, wards, recommendToCouncil, reportAuthor, publicationDate, decisionDate, decidedAtMeeting
    case effectiveFrom, documents, minutes, restriction, reference, meeting, department, decisionDue, noticePublished
    case additionalDocuments, callInDeadline, callInTo, cabinetMember, contact, leadMember, leadDirector, scrutinyCommittee

    /// The record's field this label fills, as `--explain` names it.
    var name: String {
        switch self {
        case .decisionMaker: "decision maker"
        case .isKey: "key decision"
        case .reasonKey: "key decision reason"
        case .callIn: "call-in"
        case .urgencyReason: "urgency reason"
        case .wards: "wards"
        case .recommendToCouncil: "recommend to council"
        case .reportAuthor: "report author"
        case .publicationDate: "publication date"
        case .decisionDate: "decision date"
        case .decidedAtMeeting, .meeting: "meeting"
        case .effectiveFrom: "effective from"
        case .additionalDocuments: "documents"
        case .decisionDue: "decision due"
        case .noticePublished: "notice published"
        case .callInDeadline: "call-in deadline"
        case .callInTo: "call-in to"
        case .cabinetMember: "cabinet member"
        case .leadMember: "lead member"
        case .leadDirector: "lead director"
        case .scrutinyCommittee: "scrutiny committee"
        default: "\(self)"
        }
    }

    /// Whether the value runs over following lines (a section) rather than one line.
    var isSection: Bool {
        switch self {
        case .purpose, .decision, .reasons, .alternatives, .interests, .documents, .minutes, .urgencyReason,
             .additionalDocuments:
            true
        default:
            false
        }
    }
}

enum ModernGovLabels {
    /// Label text (lower case, without the colon, spaces collapsed) → field.
    static let table: [String: ModernGovField] = {
        var t: [String: ModernGovField] = [:]
        func add(_ field: ModernGovField, _ labels: String...) { for l in labels { t[l] = field } }
        add(.decisionMaker, "decision maker", "decision-maker", "decision taker", "decision maker(s)")
        add(.status, "decision status", "status")
        add(.isKey, "is key decision?", "is key decision", "key decision?", "key decision", "decision type", "is this a key decision?",
            "is allweddol decision?", "penderfyniad allweddol?")
        add(.reasonKey, "reason key", "reason for key decision", "key decision reason")
        add(.callIn, "is subject to call in?", "is subject to call in", "subject to call in?", "subject to call-in?",
            "is subject to call-in?", "subject to call in", "subject to call-in", "call-in", "call in", "yn destun galw i mewn?")
        add(.callInTo, "eligible for call-in to", "eligible for call in to")
        add(.callInDeadline, "call-in deadline date", "call in deadline date", "call-in deadline", "call-in expiry date")
        add(.urgent, "is urgent?", "urgent?", "urgent decision?", "urgent", "urgency")
        add(.urgencyReason, "reason for urgency", "reasons for urgency", "urgency reason")
        add(.purpose, "purpose", "purpose of report", "purpose of the report", "summary", "the subject of the decision")
        add(.decision, "decisions", "decision", "decision made", "decision taken", "the decision", "penderfyniad")
        add(.reasons, "reasons for the decision", "reasons for decision", "reason for decision", "reason for the decision",
            "reasons for decisions", "reason for decisions", "reasons", "reason", "the reason for the decision",
            "rheswm dros y penderfyniad")
        add(.alternatives, "alternative options considered", "alternative options rejected", "alternative options considered and rejected",
            "alternatives considered", "alternative options", "options considered", "alternative options considered and the reasons for rejecting them",
            "other options", "other options considered", "options/alternatives considered", "alternatives")
        add(.interests, "interests and nature of interests declared", "interests declared", "declarations of interest",
            "conflicts of interest", "conflict of interest", "interests", "dispensations", "dispensation granted",
            "declarations or conflicts of interest")
        add(.wards, "wards affected", "ward affected", "wards", "ward(s) affected", "divisions affected", "division affected",
            "electoral divisions affected")
        add(.cabinetMember, "cabinet member", "portfolio holder", "portfolio")
        add(.contact, "contact")
        add(.leadMember, "lead member")
        add(.leadDirector, "lead director")
        add(.scrutinyCommittee, "improvement and scrutiny committee", "scrutiny committee")
        add(.recommendToCouncil, "recommend to council?", "recommend to council", "recommendation to council?")
        add(.reportAuthor, "report author", "lead officer", "contact officer", "report author / lead officer", "author")
        add(.publicationDate, "publication date", "date of publication", "published", "date published")
        add(.decisionDate, "date of decision", "decision date", "date decision taken", "date of the decision")
        add(.decidedAtMeeting, "decided at meeting", "decided at")
        add(.effectiveFrom, "effective from", "date effective", "comes into force", "implementation date",
            "date comes into force if not called in", "effeithiol o")
        add(.documents, "accompanying documents", "supporting documents", "background documents", "background papers",
            "documents", "documents to be submitted")
        add(.additionalDocuments, "additional documents")
        add(.minutes, "minutes")
        add(.restriction, "anticipated restriction", "restriction", "exempt information", "exempt",
            "explanation of anticipated restriction")
        add(.reference, "reference", "decision reference", "decision no", "decision number", "record no", "issue reference",
            "executive decision no")
        add(.meeting, "meeting")
        add(.department, "department", "directorate")
        add(.decisionDue, "decision due", "decision due date")
        add(.noticePublished, "notice of proposed decision first published", "first published")
        return t
    }()

    static func normalise(_ label: Substring) -> String {
        label.lowercased().split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" || $0 == "\t" }).joined(separator: " ")
    }

    /// Section labels councils print on a line of their own without a colon ("Decision taken",
    /// "Reason for decision"): only those that start a block of text, never a one-line field.
    static func sectionLabel(_ line: String) -> (ModernGovField, String)? {
        guard line.count <= 60, !line.contains(":") else { return nil }
        let key = normalise(Substring(line))
        guard let field = table[key], field.isSection, !["decision", "decisions", "reason", "reasons", "interests", "minutes", "documents",
                                                          "summary", "alternatives", "purpose", "penderfyniad"].contains(key) else { return nil }
        return (field, line)
    }

    /// "Label: value" with a known label.
    static func looksLikeField(_ line: String) -> Bool { match(line) != nil }

    /// If the line starts with a known label and a colon, the field and the rest of the line.
    static func match(_ line: String) -> (ModernGovField, String, String)? {
        // "Label: value" or "Label?: value" (ModernGov writes "Is Key decision?: No").
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let label = line[..<colon]
        guard label.count <= 90 else { return nil }
        let key = normalise(label)
        guard let field = table[key] else { return nil }
        let rest = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return (field, String(label).trimmingCharacters(in: .whitespaces), rest)
    }
}

import Foundation
