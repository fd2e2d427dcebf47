import Decisions
import DecisionStore
import Desk

/// A meeting a decision may be put on, as the form offers it.
public struct MeetingChoice: Sendable, Hashable {
    public var id: Int64
    public var body: String
    public var date: CivilDate?
    public init(id: Int64, body: String, date: CivilDate?) { self.id = id; self.body = body; self.date = date }
}

/// What the form needs from the register when it opens: the makers and meetings it knows,
/// and, to edit, the record as it is (with the version the save must still find).
public struct AuthoringSetup: Sendable {
    public var makers: [String]
    public var meetings: [MeetingChoice]
    public var decision: Decision?
    public var meetingNumber: Int64?
    public var editKind: EditKind
    public init(makers: [String], meetings: [MeetingChoice], decision: Decision? = nil, meetingNumber: Int64? = nil, editKind: EditKind = .edit) {
        self.makers = makers; self.meetings = meetings; self.decision = decision; self.meetingNumber = meetingNumber
        self.editKind = editKind
    }
}

/// One line of the form.
public struct FormLine: Sendable, Equatable {
    /// The record's field; nil for the reason of a correction.
    public var field: DecisionField?
    public var text: String
    /// As the record had it when the form opened (an edit saves only what changed).
    public var original: String
    /// Why the text is not acceptable, shown beside the field.
    public var problem: String?
    /// Advice that does not refuse (a new decision maker, the meeting's date).
    public var note: String?

    public var label: String { field?.label ?? "Reason for correction" }
    public var isLong: Bool { field?.isLong ?? true }
    public var name: String { field?.rawValue ?? "reason" }
}

/// The new-decision and edit form: fields in order, the one being typed in, the checks so far.
public struct DecisionForm: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        case new
        case edit(id: Int64, version: Int, kind: EditKind)
    }
    public var purpose: Purpose
    public var lines: [FormLine]
    public var focus = 0
    public var makers: [String]
    public var meetings: [MeetingChoice]
    /// A problem with the record as a whole (a conflict, a refusal), shown above the fields.
    public var banner: String?
    /// Waiting for the store: keys are not taken twice.
    public var saving = false
    public var scroll = 0

    public var title: String {
        switch purpose {
        case .new: "New decision"
        case .edit(let id, _, let kind): kind == .correct ? "Correct published decision #\(id)" : "Edit decision #\(id)"
        }
    }

    public init(setup: AuthoringSetup) {
        makers = setup.makers
        meetings = setup.meetings
        if let decision = setup.decision, let id = decision.id {
            purpose = .edit(id: id, version: decision.version, kind: setup.editKind)
            lines = DecisionField.formOrder.map { field in
                let text = field.text(of: decision, meetingNumber: setup.meetingNumber)
                return FormLine(field: field, text: text, original: text)
            }
            if setup.editKind == .correct { lines.append(FormLine(field: nil, text: "", original: "")) }
        } else {
            purpose = .new
            let fields = DecisionField.formOrder.filter { ![.decision, .reasons, .alternatives].contains($0) }
            // Executive decisions may be called in unless the constitution says otherwise.
            lines = fields.map { FormLine(field: $0, text: $0 == .key ? "no" : $0 == .callIn ? "yes" : "", original: "") }
        }
    }

    public var focused: FormLine { lines[focus] }

    /// What the field checks need, from what the form was opened with.
    public func context(today: CivilDate) -> AuthoringContext {
        let meetings = self.meetings
        return AuthoringContext(knownMakers: makers, today: today) { number in
            meetings.first { $0.id == number }.map { ($0.body, $0.date) }
        }
    }

    /// Checks the line at `index` as the person leaves it; sets its problem or note.
    public mutating func check(_ index: Int, today: CivilDate) {
        guard lines.indices.contains(index), let field = lines[index].field else { return }
        let text = lines[index].text
        lines[index].problem = DecisionAuthoring.check(field, text, context: context(today: today))?.message
        lines[index].note = nil
        guard lines[index].problem == nil else { return }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch field {
        case .maker where !trimmed.isEmpty && !makers.contains(where: { $0.caseInsensitiveCompare(trimmed) == .orderedSame }):
            lines[index].note = "a new decision maker for this register"
        case .meeting where !trimmed.isEmpty:
            if let number = Int64(trimmed.trimmingCharacters(in: .init(charactersIn: "#"))), let m = meetings.first(where: { $0.id == number }) {
                lines[index].note = "\(m.body) \(m.date?.iso ?? "")"
            }
        case .keyReason:
            let key = lines.first { $0.field == .key }?.text.lowercased() ?? "no"
            if ["yes", "y"].contains(key) && trimmed.isEmpty { lines[index].problem = "a key decision needs its reason: spending or wards" }
        default:
            break
        }
    }

    /// The fields to save: every filled field of a new record, the changed ones of an edit.
    public var values: FieldValues {
        lines.compactMap { line in
            guard let field = line.field else { return nil }
            switch purpose {
            case .new: return line.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : (field, line.text, nil)
            case .edit: return line.text == line.original ? nil : (field, line.text, nil)
            }
        }
    }

    public var reason: String? { lines.first { $0.field == nil }?.text }

    /// Puts the problems a save reported beside their fields.
    public mutating func show(_ problems: [FieldProblem]) {
        for index in lines.indices { lines[index].problem = nil }
        var unplaced: [String] = []
        for problem in problems {
            if let index = lines.firstIndex(where: { $0.name == problem.field }) {
                lines[index].problem = problem.message
            } else {
                unplaced.append(problem.description)
            }
        }
        if let first = lines.firstIndex(where: { $0.problem != nil }) { focus = first }
        banner = unplaced.isEmpty ? "Not saved: put right the fields marked ✗" : unplaced.joined(separator: "; ")
    }

    /// The next meetings, for the meeting field's hint.
    public func upcomingMeetings(from today: CivilDate, limit: Int = 3) -> [MeetingChoice] {
        Array(meetings.filter { ($0.date ?? today) >= today }.sorted { ($0.date ?? today) < ($1.date ?? today) }.prefix(limit))
    }
}
