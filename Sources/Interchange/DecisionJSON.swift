import Foundation
import TextSafety
import Decisions

/// A deadline as Cabinet Desk's JSON writes it.
public struct DeadlineJSON: Codable, Sendable, Equatable {
    public var kind: String
    public var date: CivilDate?
    public var state: String
    public init(kind: String, date: CivilDate?, state: String) { self.kind = kind; self.date = date; self.state = state }

    public init(_ deadline: Deadline) {
        self.init(kind: deadline.kind.rawValue, date: deadline.date, state: deadline.state.machine)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(date, forKey: .date)
        try c.encode(state, forKey: .state)
    }
}

/// Cabinet Desk's own JSON: a stable format for scripts, and a lossless round trip.
public enum DecisionJSON {
    /// Pretty-printed, keys sorted, absent values as null.
    public static func encode(_ decisions: [Decision], deadlines: ((Decision) -> [Deadline])? = nil) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(decisions.map { DecisionDTO($0, deadlines: deadlines?($0)) }), as: UTF8.self)
        return Data(escapingControlsInJSON(json).utf8)
    }

    /// An array of decisions, or an object with a "decisions" array. Errors name the file
    /// and the field path ("decisions[3].decision_date").
    public static func decode(_ data: Data, file: String) throws -> [Decision] {
        let decoder = JSONDecoder()
        do {
            if data.first(where: { !$0.isWhitespace }) == UInt8(ascii: "{") {
                return try decoder.decode(Wrapper.self, from: data).decisions.map(\.decision)
            }
            return try decoder.decode([DecisionDTO].self, from: data).map(\.decision)
        } catch let error as DecodingError {
            throw importError(error, file: file)
        } catch let error as ImportError {
            throw error
        }
    }

    /// One element of a streamed array (`JSONArrayStream`); errors name it by `elementPath`
    /// ("[12].decision_date", "decisions[12].title").
    public static func decodeElement(_ data: Data, file: String, elementPath: String) throws -> Decision {
        do {
            return try JSONDecoder().decode(DecisionDTO.self, from: data).decision
        } catch let error as DecodingError {
            throw importError(error, file: file, pathPrefix: elementPath)
        }
    }

    struct Wrapper: Decodable { var decisions: [DecisionDTO] }

    static func importError(_ error: DecodingError, file: String, pathPrefix: String = "") -> ImportError {
        func path(_ codingPath: [any CodingKey]) -> String {
            var out = pathPrefix
            for key in codingPath {
                if let index = key.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
            }
            return out.isEmpty ? "(top level)" : out
        }
        switch error {
        case .typeMismatch(let type, let context):
            return ImportError(file: file, field: path(context.codingPath), message: "expected \(describe(type)): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return ImportError(file: file, field: path(context.codingPath), message: "expected \(describe(type)), found null")
        case .keyNotFound(let key, let context):
            return ImportError(file: file, field: path(context.codingPath + [key]), message: "required field is missing")
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            if context.codingPath.isEmpty {
                if !pathPrefix.isEmpty {
                    return ImportError(file: file, field: pathPrefix, message: "not valid JSON: \(underlying ?? context.debugDescription)")
                }
                return ImportError(file: file, message: "not valid JSON: \(underlying ?? context.debugDescription)")
            }
            return ImportError(file: file, field: path(context.codingPath), message: context.debugDescription)
        @unknown default:
            return ImportError(file: file, message: "\(error)")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type: "a whole number"
        default: "\(type)".lowercased()
        }
    }
}

private extension UInt8 {
    var isWhitespace: Bool { self == 0x20 || self == 0x0A || self == 0x0D || self == 0x09 }
}

/// The wire form of a decision, with the key names scripts depend on.
struct DecisionDTO: Codable {
    struct MeetingDTO: Codable {
        var body: String
        var date: CivilDate?
        var item: String?
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(body, forKey: .body); try c.encode(date, forKey: .date); try c.encode(item, forKey: .item)
        }
    }
    struct ResolutionDTO: Codable {
        var label: String?
        var text: String
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(label, forKey: .label); try c.encode(text, forKey: .text)
        }
    }
    struct DocumentDTO: Codable {
        var title: String
        var url: String?
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(title, forKey: .title); try c.encode(url, forKey: .url)
        }
    }
    struct ProcedureDTO: Codable {
        var notice_date: CivilDate?
        var general_exception_date: CivilDate?
        var special_urgency_consent: String?
        var scheduled_for: CivilDate?
        var papers_published_date: CivilDate?
        var called_in_date: CivilDate?
        var call_in_members: [String]?
        var call_in_waived: Bool?
        var call_in_waived_by: String?
        var call_in_outcome: String?
        var call_in_resolved_date: CivilDate?
        var reconsidered_date: CivilDate?

        init(_ p: Procedure) {
            notice_date = p.noticeDate; general_exception_date = p.generalExceptionDate
            special_urgency_consent = p.specialUrgencyConsent; scheduled_for = p.scheduledFor
            papers_published_date = p.papersPublishedDate; called_in_date = p.calledInDate; call_in_members = p.callInMembers
            call_in_waived = p.callInWaived; call_in_waived_by = p.callInWaivedBy; call_in_outcome = p.callInOutcome
            call_in_resolved_date = p.callInResolvedDate; reconsidered_date = p.reconsideredDate
        }

        var procedure: Procedure {
            var p = Procedure(noticeDate: notice_date, generalExceptionDate: general_exception_date,
                              specialUrgencyConsent: special_urgency_consent, scheduledFor: scheduled_for,
                              calledInDate: called_in_date, callInWaived: call_in_waived ?? false, callInOutcome: call_in_outcome,
                              papersPublishedDate: papers_published_date, callInMembers: call_in_members ?? [],
                              callInResolvedDate: call_in_resolved_date, reconsideredDate: reconsidered_date)
            p.callInWaivedBy = call_in_waived_by
            return p
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(notice_date, forKey: .notice_date)
            try c.encode(general_exception_date, forKey: .general_exception_date)
            try c.encode(special_urgency_consent, forKey: .special_urgency_consent)
            try c.encode(scheduled_for, forKey: .scheduled_for)
            try c.encode(papers_published_date, forKey: .papers_published_date)
            try c.encode(called_in_date, forKey: .called_in_date)
            try c.encode(call_in_members ?? [], forKey: .call_in_members)
            try c.encode(call_in_waived ?? false, forKey: .call_in_waived)
            try c.encode(call_in_waived_by, forKey: .call_in_waived_by)
            try c.encode(call_in_outcome, forKey: .call_in_outcome)
            try c.encode(call_in_resolved_date, forKey: .call_in_resolved_date)
            try c.encode(reconsidered_date, forKey: .reconsidered_date)
        }
    }

    var id: Int64?
    var reference: String?
    var title: String
    var decision_maker: String
    var maker_kind: MakerKind?
    var status: String?
    var stage: Stage?
    var is_key_decision: Bool?
    var key_reason: String?
    var is_subject_to_call_in: Bool?
    var is_urgent: Bool?
    var urgency_reason: String?
    var exempt_paragraphs: [Int]?
    var wards: [String]?
    var report_author: String?
    var contact: String?
    var notes: String?
    var publication_date: CivilDate?
    var decision_date: CivilDate?
    var effective_from: CivilDate?
    var meeting: MeetingDTO?
    var purpose: String?
    var decision_text: String?
    var resolutions: [ResolutionDTO]?
    var reasons: String?
    var alternatives: String?
    var interests: String?
    var documents: [DocumentDTO]?
    var source: String?
    var procedure: ProcedureDTO?
    var deadlines: [DeadlineJSON]?

    init(_ d: Decision, deadlines: [Deadline]?) {
        id = d.id; reference = d.reference; title = d.title; decision_maker = d.decisionMaker; maker_kind = d.makerKind
        status = d.status; stage = d.stage; is_key_decision = d.isKeyDecision; key_reason = d.keyReason
        is_subject_to_call_in = d.isSubjectToCallIn; is_urgent = d.isUrgent; urgency_reason = d.urgencyReason
        exempt_paragraphs = d.exemptParagraphs; wards = d.wards; report_author = d.reportAuthor
        contact = d.contact; notes = d.notes
        publication_date = d.publicationDate; decision_date = d.decisionDate; effective_from = d.effectiveFrom
        meeting = d.meeting.map { MeetingDTO(body: $0.body, date: $0.date, item: $0.item) }
        purpose = d.purpose; decision_text = d.decisionText
        resolutions = d.resolutions.map { ResolutionDTO(label: $0.label, text: $0.text) }
        reasons = d.reasons; alternatives = d.alternatives; interests = d.interests
        documents = d.documents.map { DocumentDTO(title: $0.title, url: $0.url) }
        source = d.source; procedure = ProcedureDTO(d.procedure)
        self.deadlines = deadlines?.map(DeadlineJSON.init)
    }

    var decision: Decision {
        var decision = Decision(
            id: id, reference: reference, title: title, decisionMaker: decision_maker, makerKind: maker_kind,
            meeting: meeting.map { MeetingReference(body: $0.body, date: $0.date, item: $0.item) },
            status: status ?? "", stage: stage, isKeyDecision: is_key_decision ?? false, keyReason: key_reason,
            isSubjectToCallIn: is_subject_to_call_in ?? false, isUrgent: is_urgent ?? false, urgencyReason: urgency_reason,
            exemptParagraphs: exempt_paragraphs ?? [], wards: wards ?? [], reportAuthor: report_author,
            publicationDate: publication_date, decisionDate: decision_date, effectiveFrom: effective_from,
            purpose: purpose, decisionText: decision_text,
            resolutions: (resolutions ?? []).map { Resolution(label: $0.label, text: $0.text) },
            reasons: reasons, alternatives: alternatives, interests: interests,
            documents: (documents ?? []).map { DocumentLink(title: $0.title, url: $0.url) }, source: source,
            procedure: procedure?.procedure ?? Procedure(), contact: contact)
        decision.notes = notes
        return decision
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(reference, forKey: .reference); try c.encode(title, forKey: .title)
        try c.encode(decision_maker, forKey: .decision_maker); try c.encode(maker_kind, forKey: .maker_kind)
        try c.encode(status, forKey: .status); try c.encode(stage, forKey: .stage)
        try c.encode(is_key_decision, forKey: .is_key_decision); try c.encode(key_reason, forKey: .key_reason)
        try c.encode(is_subject_to_call_in, forKey: .is_subject_to_call_in); try c.encode(is_urgent, forKey: .is_urgent)
        try c.encode(urgency_reason, forKey: .urgency_reason); try c.encode(exempt_paragraphs, forKey: .exempt_paragraphs)
        try c.encode(wards, forKey: .wards); try c.encode(report_author, forKey: .report_author)
        try c.encode(contact, forKey: .contact); try c.encode(notes, forKey: .notes)
        try c.encode(publication_date, forKey: .publication_date); try c.encode(decision_date, forKey: .decision_date)
        try c.encode(effective_from, forKey: .effective_from); try c.encode(meeting, forKey: .meeting)
        try c.encode(purpose, forKey: .purpose); try c.encode(decision_text, forKey: .decision_text)
        try c.encode(resolutions, forKey: .resolutions); try c.encode(reasons, forKey: .reasons)
        try c.encode(alternatives, forKey: .alternatives); try c.encode(interests, forKey: .interests)
        try c.encode(documents, forKey: .documents); try c.encode(source, forKey: .source)
        try c.encode(procedure, forKey: .procedure)
        if let deadlines { try c.encode(deadlines, forKey: .deadlines) }
    }
}
