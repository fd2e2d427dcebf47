import Foundation
import Decisions
import DecisionStore

/// Values typed for a record's fields, in the order given (from options, `--set`, a text
/// record or the form), with the line each came from when it came from a text record.
public typealias FieldValues = [(field: DecisionField, text: String, line: Int?)]

/// Why a record could not be written: its fields, or the rules of the register.
public enum AuthoringRefusal: Error, CustomStringConvertible, Sendable {
    case fields(FieldProblems)
    case permission(DeskRefusal)

    public var description: String {
        switch self {
        case .fields(let problems): problems.description
        case .permission(let refusal): refusal.description
        }
    }
}

/// How an edit of a record at its stage is recorded.
public enum EditKind: String, Sendable {
    /// A record still being prepared: changed freely, every field audited.
    case edit
    /// A published record (rule A-CORRECTION): changed only with a reason.
    case correct
}

extension Desk {
    // MARK: Decisions

    /// What a field's check needs: the makers the register knows and its meetings.
    public func authoringContext() throws -> AuthoringContext {
        let store = self.store
        return AuthoringContext(knownMakers: try store.knownMakers(), today: actDate) { number in
            guard let (meeting, _) = try? store.meeting(id: number) else { return nil }
            return (meeting.body, meeting.date)
        }
    }

    /// Records a new decision from typed fields (rule P-AUTHOR); with a meeting, it goes on that
    /// meeting's agenda. Every field is checked first and nothing is written unless all pass.
    public func newDecision(_ values: FieldValues) throws -> Result<Decision, AuthoringRefusal> {
        do { try require(.writeRecords, to: "recording a new decision") } catch let r as DeskRefusal { return .failure(.permission(r)) }
        let context = try authoringContext()
        // An executive decision may be called in unless the record says otherwise.
        var draft = Decision(title: "", decisionMaker: "", stage: .proposed, isSubjectToCallIn: true)
        let problems = DecisionAuthoring.apply(values, to: &draft, isNew: true, context: context)
        guard problems.isEmpty else { return .failure(.fields(FieldProblems(problems))) }
        draft.status = "For Determination"
        draft.source = "cabinet-desk:\(actor.login)"
        let meetingID = meetingNumber(in: values)
        return .success(try store.createDecision(draft, meetingID: meetingID, login: actor.login))
    }

    /// How decision `decision` is edited at its stage: freely while it is prepared, as a
    /// correction with a reason once published (rule A-CORRECTION).
    public func editKind(of decision: Decision) -> EditKind {
        [.published, .calledIn, .effective, .implemented].contains(decision.stage) || decision.publicationDate != nil ? .correct : .edit
    }

    /// Changes decision `id`'s fields if nobody changed it since `expectedVersion` (rule
    /// P-AUTHOR). A published record needs `reason` (A-CORRECTION); a decision already taken is
    /// not moved to another meeting or date (A-RESCHEDULE).
    public func editDecision(id: Int64, expectedVersion: Int, _ values: FieldValues, reason: String?) throws
        -> Result<EditOutcome, AuthoringRefusal> {
        do { try require(.writeRecords, to: "editing a decision") } catch let r as DeskRefusal { return .failure(.permission(r)) }
        guard let current = try store.decision(id: id) else { throw StoreError.notFound(id: id) }
        let kind = editKind(of: current)
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if kind == .correct && reason == nil {
            return .failure(.permission(DeskRefusal(.publishedRecordIsCorrected,
                message: "decision #\(id) is published (\(current.stage.label)): changing its record is a correction; give the reason (--reason)")))
        }
        let context = try authoringContext()
        var problems: [FieldProblem] = []
        let reschedules = values.contains { $0.field == .meeting || $0.field == .date }
        if reschedules, current.decisionDate != nil || ![.proposed, .deferred].contains(current.stage) {
            let field = values.first { $0.field == .meeting || $0.field == .date }!
            problems.append(FieldProblem(field: field.field.rawValue, line: field.line,
                message: "decision #\(id) was taken\(current.decisionDate.map { " on \($0.iso)" } ?? "") (\(current.stage.label)): it is not moved to another meeting or date (rule \(RuleID.rescheduleBeforeTheDecision.id))"))
        }
        var edited = current
        problems += DecisionAuthoring.apply(values, to: &edited, isNew: false, context: context)
        guard problems.isEmpty else { return .failure(.fields(FieldProblems(problems))) }
        if values.contains(where: { $0.field == .date }) && !values.contains(where: { $0.field == .meeting }) {
            // A date of its own: the decision is no longer to be taken at the meeting it cited.
            edited.meeting = nil
        }
        var target: Int64?? = nil
        if let meeting = values.last(where: { $0.field == .meeting }) {
            target = .some(Int64(meeting.text.trimmingCharacters(in: CharacterSet(charactersIn: "# "))))
        } else if values.contains(where: { $0.field == .date }) {
            // A date with no meeting takes the decision off any meeting's agenda.
            target = .some(nil)
        }
        let finished = edited
        let outcome = try store.editDecision(id: id, expectedVersion: expectedVersion, login: actor.login, action: kind.rawValue,
                                             reason: reason, meetingID: target) { d in
            let meeting = d.meeting
            d = finished
            if target == nil { d.meeting = meeting }
        }
        return .success(outcome)
    }

    /// The record as text for `$EDITOR`, with the version it was read at.
    public func recordText(id: Int64) throws -> (text: String, version: Int, kind: EditKind) {
        guard let d = try store.decision(id: id) else { throw StoreError.notFound(id: id) }
        let kind = editKind(of: d)
        var heading = ["Decision #\(id), version \(d.version), \(d.stage.label). Save and quit to write it; an empty file changes nothing."]
        if kind == .correct { heading.append("Published: the change is a correction. Give its reason on the reason: line below.") }
        var text = RecordText.render(d, meetingNumber: try store.meetingID(ofDecision: id), heading: heading)
        if kind == .correct { text += "\n# Why the published record is corrected (required)\nreason: \n" }
        return (text, d.version, kind)
    }

    /// Removes a duplicate (rule P-REMOVE): kept whole as removed, with the reason, audited.
    public func removeDuplicate(id: Int64, reason: String?) throws {
        try require(.removeDuplicate, to: "removing a record from the register")
        guard let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty else {
            throw DeskRefusal(.removeDuplicate, message: "give the reason decision #\(id) is removed (--reason), e.g. \"duplicate of #12\"")
        }
        try store.removeDecision(id: id, reason: reason, login: actor.login, on: actDate)
    }

    public func removedDecision(id: Int64) throws -> RemovedDecision? { try store.removedDecision(id: id) }

    /// The meeting whose agenda the decision is on, when it is on one.
    public func meetingID(ofDecision id: Int64) throws -> Int64? { try store.meetingID(ofDecision: id) }

    private func meetingNumber(in values: FieldValues) -> Int64? {
        values.last { $0.field == .meeting }.flatMap { Int64($0.text.trimmingCharacters(in: CharacterSet(charactersIn: "# "))) }
    }

    // MARK: Meetings and agendas

    /// A new meeting (rule P-AUTHOR).
    public func createMeeting(body: String, date: CivilDate, time: String?, place: String?) throws -> Int64 {
        try require(.writeRecords, to: "creating a meeting")
        let body = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw FieldProblems([FieldProblem(field: "body", message: "give the body that meets, e.g. Cabinet")]) }
        if !date.isSupported { throw FieldProblems([FieldProblem(field: "date", message: DateOutOfRange(what: "date", date: date).description)]) }
        if let time, !Self.isClockTime(time) {
            throw FieldProblems([FieldProblem(field: "time", message: "\"\(time)\" is not a time (HH:MM, 24-hour)")])
        }
        return try store.createMeeting(Meeting(body: body, date: date, time: time, location: place?.nilIfEmpty), login: actor.login)
    }

    /// Changes a meeting's body, date, time or place (rule P-AUTHOR); decisions still to be taken
    /// at it move with a new date.
    public func updateMeeting(id: Int64, body: String?, date: CivilDate?, time: String?, place: String?) throws -> [FieldChange] {
        try require(.writeRecords, to: "changing a meeting")
        if let date, !date.isSupported { throw FieldProblems([FieldProblem(field: "date", message: DateOutOfRange(what: "date", date: date).description)]) }
        if let time, !Self.isClockTime(time) {
            throw FieldProblems([FieldProblem(field: "time", message: "\"\(time)\" is not a time (HH:MM, 24-hour)")])
        }
        return try store.updateMeeting(id: id, login: actor.login) { m in
            if let body = body?.nilIfEmpty { m.body = body }
            if let date { m.date = date }
            if let time { m.time = time }
            if let place { m.location = place.nilIfEmpty }
        }
    }

    public func addAgendaItem(meetingID: Int64, title: String?, decisionID: Int64?, position: Int?, restricted: Bool) throws -> Int64 {
        try require(.writeRecords, to: "changing an agenda")
        var title = title?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if title == nil, let decisionID { title = try store.decision(id: decisionID)?.title }
        guard let title else { throw FieldProblems([FieldProblem(field: "title", message: "give the item's title, or a decision to put on it")]) }
        if let decisionID {
            guard let d = try store.decision(id: decisionID) else { throw StoreError.notFound(id: decisionID) }
            try requireStillToBeTaken(d)
        }
        return try store.addAgendaItem(meetingID: meetingID, title: title, decisionID: decisionID, position: position,
                                       isRestricted: restricted, login: actor.login)
    }

    public func moveAgendaItem(id: Int64, to position: Int) throws {
        try require(.writeRecords, to: "changing an agenda")
        try store.moveAgendaItem(id: id, to: position, login: actor.login)
    }

    public func removeAgendaItem(id: Int64) throws {
        try require(.writeRecords, to: "changing an agenda")
        try store.removeAgendaItem(id: id, login: actor.login)
    }

    /// Puts a decision on an agenda item (rule P-AUTHOR); a decision already taken stays where it was taken (A-RESCHEDULE).
    public func attachDecision(_ decisionID: Int64, toItem itemID: Int64) throws {
        try require(.writeRecords, to: "changing an agenda")
        guard let d = try store.decision(id: decisionID) else { throw StoreError.notFound(id: decisionID) }
        try requireStillToBeTaken(d)
        try store.attachDecision(decisionID, toItem: itemID, login: actor.login)
    }

    public func recordAttendance(meetingID: Int64, name: String, attendance: Attendance, role: String?) throws {
        try require(.writeRecords, to: "recording attendance")
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw FieldProblems([FieldProblem(field: "name", message: "give the member's name")]) }
        try store.recordAttendance(meetingID: meetingID, name: name, attendance: attendance, role: role, login: actor.login)
    }

    public func declareInterest(_ declaration: InterestDeclaration) throws -> Int64 {
        try require(.writeRecords, to: "recording a declaration of interest")
        guard !declaration.member.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw FieldProblems([FieldProblem(field: "member", message: "give the member who declared the interest")])
        }
        return try store.declareInterest(declaration, login: actor.login)
    }

    /// The declarations made at a meeting, as the actor may see them: what an interest in an
    /// exempt item is stays withheld with the rest of it.
    public func declarations(meetingID: Int64) throws -> [InterestDeclaration] {
        let declared = try store.declarations(meetingID: meetingID)
        guard !declared.isEmpty, let (_, items) = try store.meeting(id: meetingID) else { return declared }
        let decisions = Dictionary(items.compactMap { item in item.id.flatMap { id in item.decision.map { (id, $0) } } }, uniquingKeysWith: { a, _ in a })
        return declared.map { d in
            guard let decision = decisions[d.agendaItemID] else {
                // An item with no decision on it: restricted items keep what the interest is to those who may read exempt text.
                let restricted = items.first { $0.id == d.agendaItemID }?.isRestricted ?? false
                return restricted && !RuleID.readExempt.permits(actor.role) ? InterestDeclaration(id: d.id, agendaItemID: d.agendaItemID, member: d.member, kind: d.kind, dispensation: d.dispensation) : d
            }
            return d.visible(to: actor, about: decision)
        }
    }

    public func declarations(decisionID: Int64) throws -> [InterestDeclaration] {
        guard let decision = try store.decision(id: decisionID) else { throw StoreError.notFound(id: decisionID) }
        return try store.declarations(decisionID: decisionID).map { $0.visible(to: actor, about: decision) }
    }

    /// Rule A-RESCHEDULE: a decision moves to another agenda only while it is still to be taken.
    func requireStillToBeTaken(_ d: Decision) throws {
        if d.decisionDate != nil || ![.proposed, .deferred].contains(d.stage) {
            throw DeskRefusal(.rescheduleBeforeTheDecision,
                              message: "decision #\(d.id ?? 0) was taken (\(d.stage.label)): it stays on the agenda it was taken under")
        }
    }

    static func isClockTime(_ text: String) -> Bool {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), parts[1].count == 2 else { return false }
        return (0...23).contains(h) && (0...59).contains(m)
    }
}
