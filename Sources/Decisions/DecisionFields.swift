/// The fields an officer writes on a decision record: the one catalogue that `cabinet new`,
/// `cabinet edit`, the record-as-text format and the dashboard's form all use, so a field has
/// one name, one meaning and one check everywhere.
public enum DecisionField: String, CaseIterable, Sendable, Hashable {
    case title
    case maker
    case meeting
    case date
    case key
    case keyReason = "key-reason"
    case callIn = "call-in"
    case wards
    case reportAuthor = "report-author"
    case contact
    case exempt
    case purpose
    case recommendations
    case decision
    case reasons
    case alternatives
    case documents
    case reference

    /// What the form shows beside the field.
    public var label: String {
        switch self {
        case .title: "Title"
        case .maker: "Decision maker"
        case .meeting: "Meeting (number)"
        case .date: "Date to be taken"
        case .key: "Key decision"
        case .keyReason: "Key because"
        case .callIn: "Subject to call-in"
        case .wards: "Wards"
        case .reportAuthor: "Report author"
        case .contact: "Contact"
        case .exempt: "Exempt paragraphs"
        case .purpose: "Purpose"
        case .recommendations: "Recommendations"
        case .decision: "Decision"
        case .reasons: "Reasons"
        case .alternatives: "Alternatives"
        case .documents: "Documents"
        case .reference: "Reference"
        }
    }

    /// How to fill it in, for `--help`, the text template and the form.
    public var hint: String {
        switch self {
        case .title: "what is to be decided, in a line"
        case .maker: "as the register names it, e.g. Cabinet, or Cabinet Member for Housing"
        case .meeting: "the meeting's number (cabinet meeting list); the date follows it"
        case .date: "YYYY-MM-DD, when no meeting is given"
        case .key: "yes or no"
        case .keyReason: "spending (expenditure or savings over the threshold) or wards (significant effect on two or more wards)"
        case .callIn: "yes or no: an executive decision may be called in by scrutiny unless the constitution exempts it"
        case .wards: "comma-separated"
        case .reportAuthor: "name and job title"
        case .contact: "who to ask, with an email or telephone"
        case .exempt: "Schedule 12A paragraphs 1-7, comma-separated; empty when public"
        case .purpose: "why the decision is needed"
        case .recommendations: "one per line, numbered or lettered as the report has them"
        case .decision: "the decision as taken (after the meeting)"
        case .reasons: "reasons for the decision"
        case .alternatives: "alternative options considered and rejected"
        case .documents: "one per line: title | link"
        case .reference: "the council's reference, if it has one"
        }
    }

    /// Long text: edited in `$EDITOR` or over several lines.
    public var isLong: Bool {
        switch self {
        case .purpose, .recommendations, .decision, .reasons, .alternatives, .documents: true
        default: false
        }
    }

    /// The record's statutory record of decision (regs 12-13): once published, changed only by
    /// a correction with a reason (rule A-CORRECTION). Every field is, in a published record.
    public static let formOrder: [DecisionField] = [
        .title, .maker, .meeting, .date, .key, .keyReason, .callIn, .wards, .reportAuthor, .contact, .exempt,
        .purpose, .recommendations, .documents, .decision, .reasons, .alternatives, .reference,
    ]

    /// The field's value on `decision`, as it is written in the form and the text format.
    public func text(of decision: Decision, meetingNumber: Int64?) -> String {
        switch self {
        case .title: decision.title
        case .maker: decision.decisionMaker
        case .meeting: meetingNumber.map(String.init) ?? ""
        case .date: (decision.procedure.scheduledFor ?? decision.meeting?.date)?.iso ?? ""
        case .key: decision.isKeyDecision ? "yes" : "no"
        case .keyReason: decision.keyReason ?? ""
        case .callIn: decision.isSubjectToCallIn ? "yes" : "no"
        case .wards: decision.wards.joined(separator: ", ")
        case .reportAuthor: decision.reportAuthor ?? ""
        case .contact: decision.contact ?? ""
        case .exempt: decision.exemptParagraphs.map(String.init).joined(separator: ", ")
        case .purpose: decision.purpose ?? ""
        case .recommendations:
            decision.resolutions.filter { $0.label != "Amendment" }
                .map { [$0.label, $0.text].compactMap { $0 }.joined(separator: " ") }.joined(separator: "\n")
        case .decision: decision.decisionText ?? ""
        case .reasons: decision.reasons ?? ""
        case .alternatives: decision.alternatives ?? ""
        case .documents: decision.documents.map { [$0.title, $0.url].compactMap { $0 }.joined(separator: " | ") }.joined(separator: "\n")
        case .reference: decision.reference ?? ""
        }
    }
}

/// A field that could not be taken as written: which field, where, and why.
public struct FieldProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field's name, or the unknown name as written.
    public var field: String
    /// The line in a text record, when the value came from one.
    public var line: Int?
    public var message: String

    public init(field: String, line: Int? = nil, message: String) {
        self.field = field; self.line = line; self.message = message
    }

    public var description: String {
        (line.map { "line \($0): " } ?? "") + "\(field): \(message)"
    }
}

/// Every problem found in a record, reported together so one save shows them all.
public struct FieldProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [FieldProblem]
    public init(_ problems: [FieldProblem]) { self.problems = problems }
    public var description: String {
        problems.map(\.description).joined(separator: "\n") + "\nnothing was written"
    }
}

/// The reason a key decision is key (reg 8, SI 2012/2089).
public enum KeyDecisionReason: String, CaseIterable, Sendable {
    case spending
    case wards

    /// The wording the register keeps.
    public var wording: String {
        switch self {
        case .spending: "Expenditure or savings above the council's threshold"
        case .wards: "Significant effect on two or more wards"
        }
    }

    /// Reads a reason as typed: the short name, or wording that says which it is.
    public static func parse(_ text: String) -> KeyDecisionReason? {
        let t = text.lowercased()
        if let exact = KeyDecisionReason(rawValue: t) { return exact }
        if ["expenditure", "savings", "spend", "threshold"].contains(where: t.contains) { return .spending }
        if t.contains("ward") { return .wards }
        return nil
    }
}

/// What a field's check needs to know about the register.
public struct AuthoringContext: Sendable {
    /// Decision makers the register already knows (a new one is allowed, and said so).
    public var knownMakers: [String]
    /// A meeting by its number: its body and date, or nil when there is none.
    public var meeting: @Sendable (Int64) -> (body: String, date: CivilDate?)?
    /// The day the record is written.
    public var today: CivilDate

    public init(knownMakers: [String], today: CivilDate,
                meeting: @escaping @Sendable (Int64) -> (body: String, date: CivilDate?)? = { _ in nil }) {
        self.knownMakers = knownMakers; self.today = today; self.meeting = meeting
    }
}

/// Writes typed field values onto a decision, checking each as a form does when the field is
/// left, and the record as a whole as a save does.
public enum DecisionAuthoring {
    /// Checks one field's text on its own; nil when it is acceptable. `note` is advice that
    /// does not refuse (a decision maker the register does not know yet).
    public static func check(_ field: DecisionField, _ text: String, context: AuthoringContext) -> FieldProblem? {
        var scratch = Decision(title: "-", decisionMaker: "-")
        return apply(field, text, to: &scratch, context: context)
    }

    /// Sets one field from its text; returns the problem instead when the text is not acceptable.
    public static func apply(_ field: DecisionField, _ raw: String, to d: inout Decision, context: AuthoringContext) -> FieldProblem? {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        func problem(_ message: String) -> FieldProblem { FieldProblem(field: field.rawValue, message: message) }
        switch field {
        case .title:
            guard !text.isEmpty else { return problem("a decision needs a title") }
            guard !text.contains("\n") else { return problem("the title is one line") }
            d.title = text
        case .maker:
            guard !text.isEmpty else { return problem("give the decision maker") }
            d.decisionMaker = text
            d.makerKind = MakerKind.infer(from: text)
        case .meeting:
            if text.isEmpty {
                d.meeting = nil
                return nil
            }
            guard let number = Int64(text.trimmingCharacters(in: CharacterSet(charactersIn: "#"))), number > 0 else {
                return problem("\"\(text)\" is not a meeting number (cabinet meeting list)")
            }
            guard let meeting = context.meeting(number) else { return problem("there is no meeting #\(number)") }
            d.meeting = MeetingReference(body: meeting.body, date: meeting.date, item: d.meeting?.item)
            if let date = meeting.date { d.procedure.scheduledFor = date }
        case .date:
            if text.isEmpty { d.procedure.scheduledFor = nil; return nil }
            guard let date = CivilDate(iso: text) else { return problem("\"\(text)\" is not a date (YYYY-MM-DD)") }
            guard date.isSupported else { return problem("\(date.iso) is outside the dates Cabinet Desk works with (\(CivilDate.supportedRangeText))") }
            d.procedure.scheduledFor = date
        case .key, .callIn:
            let value: Bool
            switch text.lowercased() {
            case "yes", "y", "true": value = true
            case "no", "n", "false", "": value = false
            default: return problem("\"\(text)\" is not yes or no")
            }
            if field == .key { d.isKeyDecision = value } else { d.isSubjectToCallIn = value }
        case .keyReason:
            if text.isEmpty { d.keyReason = nil; return nil }
            guard let reason = KeyDecisionReason.parse(text) else {
                return problem("say why it is key: spending (expenditure or savings over the threshold) or wards (significant effect on two or more wards)")
            }
            // The council's own wording is kept when it says which reason it is.
            d.keyReason = KeyDecisionReason(rawValue: text.lowercased()) != nil ? reason.wording : text
        case .wards:
            d.wards = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case .reportAuthor: d.reportAuthor = text.isEmpty ? nil : text
        case .contact: d.contact = text.isEmpty ? nil : text
        case .exempt:
            var paragraphs: [Int] = []
            for part in text.split(whereSeparator: { $0 == "," || $0 == " " }) where !part.isEmpty {
                guard let n = Int(part), (1...7).contains(n) else {
                    return problem("\"\(part)\" is not a Schedule 12A paragraph (1 to 7)")
                }
                if !paragraphs.contains(n) { paragraphs.append(n) }
            }
            d.exemptParagraphs = paragraphs.sorted()
        case .purpose: d.purpose = text.isEmpty ? nil : text
        case .recommendations:
            let amendments = d.resolutions.filter { $0.label == "Amendment" }
            d.resolutions = recommendations(from: text) + amendments
        case .decision: d.decisionText = text.isEmpty ? nil : text
        case .reasons: d.reasons = text.isEmpty ? nil : text
        case .alternatives: d.alternatives = text.isEmpty ? nil : text
        case .documents:
            var documents: [DocumentLink] = []
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard let title = parts.first, !title.isEmpty else { return problem("a document needs a title before its link") }
                let url = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
                documents.append(DocumentLink(title: title, url: url))
            }
            d.documents = documents
        case .reference: d.reference = text.isEmpty ? nil : text
        }
        return nil
    }

    /// Checks that hold across fields, when the record is saved.
    public static func recordProblems(_ d: Decision, isNew: Bool, context: AuthoringContext) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if d.title.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(FieldProblem(field: DecisionField.title.rawValue, message: "a decision needs a title"))
        }
        if d.decisionMaker.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(FieldProblem(field: DecisionField.maker.rawValue, message: "give the decision maker"))
        }
        if d.isKeyDecision && (d.keyReason ?? "").isEmpty {
            problems.append(FieldProblem(field: DecisionField.keyReason.rawValue,
                                         message: "a key decision needs its reason: spending or wards (reg 8)"))
        }
        if isNew, let day = d.procedure.scheduledFor, day < context.today {
            problems.append(FieldProblem(field: d.meeting == nil ? DecisionField.date.rawValue : DecisionField.meeting.rawValue,
                                         message: "\(day.iso) is before today (\(context.today.iso)): a new decision is to be taken on a day to come"))
        }
        return problems
    }

    /// Sets every given field and checks the whole record; all problems together, or none.
    public static func apply(_ values: [(field: DecisionField, text: String, line: Int?)], to d: inout Decision, isNew: Bool,
                             context: AuthoringContext) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        for value in values {
            if var problem = apply(value.field, value.text, to: &d, context: context) {
                problem.line = value.line
                problems.append(problem)
            }
        }
        guard problems.isEmpty else { return problems }
        return recordProblems(d, isNew: isNew, context: context).map { problem in
            var problem = problem
            problem.line = values.first { $0.field.rawValue == problem.field }?.line
            return problem
        }
    }

    /// Recommendations as typed: a line starting with a label ("1.", "(a)", "b)") starts an
    /// item; other lines continue the one before.
    public static func recommendations(from text: String) -> [Resolution] {
        var items: [Resolution] = []
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            if let (label, rest) = splitLabel(line) {
                items.append(Resolution(label: label, text: rest))
            } else if !items.isEmpty && rawLine.first == " " {
                items[items.count - 1].text += " " + line
            } else {
                items.append(Resolution(label: nil, text: line))
            }
        }
        return items
    }

    private static func splitLabel(_ line: String) -> (String, String)? {
        guard let space = line.firstIndex(of: " ") else { return nil }
        let label = String(line[..<space])
        let rest = line[space...].trimmingCharacters(in: .whitespaces)
        let core = label.trimmingCharacters(in: CharacterSet(charactersIn: "().)"))
        guard !core.isEmpty, core.count <= 4, !rest.isEmpty else { return nil }
        let isNumber = core.allSatisfy(\.isNumber)
        let isLetter = core.count == 1 && core.first!.isLetter
        let isRoman = core.allSatisfy { "ivx".contains($0) }
        let punctuated = label.hasSuffix(".") || label.hasSuffix(")")
        guard punctuated, isNumber || isLetter || isRoman else { return nil }
        return (label, rest)
    }
}

import Foundation
