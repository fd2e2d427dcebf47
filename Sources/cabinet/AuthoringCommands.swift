import ArgumentParser
import Foundation
import Decisions
import DecisionStore
import Desk
import Terminal

/// One option per field of a decision record, shared by `new` and `edit`.
struct FieldOptions: ParsableArguments {
    @Option(help: ArgumentHelp(DecisionField.title.hint, valueName: "text")) var title: String?
    @Option(help: ArgumentHelp(DecisionField.maker.hint, valueName: "name")) var maker: String?
    @Option(help: ArgumentHelp(DecisionField.meeting.hint, valueName: "number")) var meeting: String?
    @Option(help: ArgumentHelp("The date the decision is to be taken (YYYY-MM-DD), when no meeting is given.", valueName: "date")) var date: String?
    @Option(help: ArgumentHelp("Key decision: yes or no.", valueName: "yes|no")) var key: String?
    @Option(name: .customLong("key-reason"), help: ArgumentHelp(DecisionField.keyReason.hint, valueName: "reason")) var keyReason: String?
    @Option(name: .customLong("call-in"), help: ArgumentHelp("Subject to call-in: yes (the default for a new decision) or no.", valueName: "yes|no")) var callIn: String?
    @Option(help: ArgumentHelp(DecisionField.wards.hint, valueName: "wards")) var wards: String?
    @Option(name: .customLong("report-author"), help: ArgumentHelp(DecisionField.reportAuthor.hint, valueName: "name")) var reportAuthor: String?
    @Option(help: ArgumentHelp(DecisionField.contact.hint, valueName: "text")) var contact: String?
    @Option(help: ArgumentHelp(DecisionField.exempt.hint, valueName: "paragraphs")) var exempt: String?
    @Option(help: ArgumentHelp(DecisionField.purpose.hint, valueName: "text")) var purpose: String?
    @Option(help: ArgumentHelp(DecisionField.recommendations.hint + " (new lines as \\n in a script)", valueName: "text")) var recommendations: String?
    @Option(help: ArgumentHelp(DecisionField.decision.hint, valueName: "text")) var decision: String?
    @Option(help: ArgumentHelp(DecisionField.reasons.hint, valueName: "text")) var reasons: String?
    @Option(help: ArgumentHelp(DecisionField.alternatives.hint, valueName: "text")) var alternatives: String?
    @Option(name: .customLong("document"), help: ArgumentHelp("A document: \"title | link\" (repeat for more).", valueName: "document"))
    var documents: [String] = []
    @Option(help: ArgumentHelp(DecisionField.reference.hint, valueName: "text")) var reference: String?
    @Option(name: .customLong("set"), help: ArgumentHelp("Any field as FIELD=VALUE (repeatable): " + DecisionField.formOrder.map(\.rawValue).joined(separator: ", ") + ".", valueName: "field=value"))
    var assignments: [String] = []
    @Option(name: .customLong("from-file"), help: ArgumentHelp("Read the fields from a record-as-text file (the format $EDITOR shows; - for standard input).", valueName: "file"))
    var fromFile: String?

    /// The fields given, in a fixed order; an unknown `--set` field is refused by name.
    func values() throws -> FieldValues {
        var values: FieldValues = []
        let options: [(DecisionField, String?)] = [
            (.title, title), (.maker, maker), (.meeting, meeting), (.date, date), (.key, key), (.keyReason, keyReason), (.callIn, callIn), (.wards, wards),
            (.reportAuthor, reportAuthor), (.contact, contact), (.exempt, exempt), (.purpose, purpose),
            (.recommendations, recommendations?.replacingOccurrences(of: "\\n", with: "\n")), (.decision, decision),
            (.reasons, reasons), (.alternatives, alternatives), (.reference, reference),
            (.documents, documents.isEmpty ? nil : documents.joined(separator: "\n")),
        ]
        for case let (field, text?) in options { values.append((field, text, nil)) }
        var problems: [FieldProblem] = []
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "=") else {
                problems.append(FieldProblem(field: assignment, message: "--set takes FIELD=VALUE"))
                continue
            }
            let name = assignment[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            guard let field = DecisionField(rawValue: name) else {
                problems.append(FieldProblem(field: name, message: "no such field; the fields are " + DecisionField.formOrder.map(\.rawValue).joined(separator: ", ")))
                continue
            }
            values.append((field, String(assignment[assignment.index(after: equals)...]), nil))
        }
        if let fromFile {
            let text: String
            if fromFile == "-" {
                text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else {
                guard let data = FileManager.default.contents(atPath: fromFile) else {
                    throw CommandFailure(message: "--from-file: cannot read \(fromFile)")
                }
                text = String(decoding: data, as: UTF8.self)
            }
            switch RecordText.parse(text) {
            case .success(let parsed): values += parsed.map { ($0.field, $0.text, Optional($0.line)) }
            case .failure(let failure): problems += failure.problems.map { var p = $0; p.field = "\(fromFile): \(p.field)"; return p }
            }
        }
        guard problems.isEmpty else { throw CommandFailure(message: sanitizeForTerminal(FieldProblems(problems).description, keepNewlines: true)) }
        return values
    }
}

/// Runs `$EDITOR` on `text` and parses what comes back; an empty record means "changed my mind".
enum RecordEditing {
    static func edit(_ text: String, retry: String) throws -> (values: FieldValues, reason: String?, path: String)? {
        let edited: (path: String, text: String)
        do { edited = try ExternalEditor.edit(text, suffix: ".cabinet.txt") } catch let failure as ExternalEditor.Failure {
            throw CommandFailure(message: failure.description)
        }
        // A correction's reason is a line of its own, not a field of the record.
        var reason: String?
        let kept = edited.text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            if line.hasPrefix("reason:") {
                reason = line.dropFirst("reason:".count).trimmingCharacters(in: .whitespaces)
                return false
            }
            return true
        }.joined(separator: "\n")
        // Saved as it was given: nothing was typed.
        if edited.text == text {
            try? FileManager.default.removeItem(atPath: edited.path)
            return nil
        }
        switch RecordText.parse(kept) {
        case .success(let values):
            if values.allSatisfy({ $0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) { return nil }
            return (values.map { ($0.field, $0.text, Optional($0.line)) }, reason, edited.path)
        case .failure(let problems):
            throw CommandFailure(message: sanitizeForTerminal(problems.description, keepNewlines: true) + "\nyour text is kept in \(edited.path) (\(retry) --from-file \(edited.path) to try again)")
        }
    }
}

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Record a new decision (officers): from options, a text file, or $EDITOR on a template.",
        discussion: """
            Each field is checked (a real date, a meeting that exists, a key decision needs its
            reason: spending or wards) and the record is written only when every field passes;
            otherwise the fields at fault are named and nothing is written. Given a meeting, the
            decision goes on that meeting's agenda as a new item and is to be taken on its date.
            With no field options, opens $VISUAL or $EDITOR on a commented template (as git commit
            does); saving an empty template records nothing.

            Examples:
              cabinet new --title "Award of the leisure contract" --maker Cabinet --meeting 12 \\
                  --key yes --key-reason spending --report-author "A. Patel, Head of Leisure"
              cabinet new --set title="Library strategy" --set maker="Cabinet Member for Culture" --set date=2027-02-10
              cabinet new                                  # opens your editor
            """)
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var fields: FieldOptions

    func run() throws {
        let session = try Session(storeOptions)
        var values = try fields.values()
        var keptIn: String?
        if values.isEmpty {
            try session.desk.require(.writeRecords, to: "recording a new decision")
            let blank = Decision(title: "", decisionMaker: "")
            let template = RecordText.render(blank, meetingNumber: nil,
                                             fields: DecisionField.formOrder.filter { ![.decision, .reasons, .alternatives].contains($0) },
                                             heading: ["New decision for the register of \(session.desk.location).",
                                                       "Fill in the fields; save and quit to record it; leave it empty to record nothing."])
            guard let edited = try RecordEditing.edit(template, retry: "cabinet new") else {
                print("Nothing recorded: the record was left empty.")
                throw ExitCode(1)
            }
            values = edited.values
            keptIn = edited.path
        }
        switch try session.desk.newDecision(values) {
        case .success(let decision):
            var line = "Recorded decision #\(decision.id!): " + sanitizeForTerminal(decision.title)
            if let meeting = decision.meeting {
                line += " — \(sanitizeForTerminal(meeting.body)) \(meeting.date?.iso ?? "")" + (meeting.item.map { ", item \($0)" } ?? "")
            } else if let day = decision.procedure.scheduledFor {
                line += " — to be taken \(day.iso)"
            }
            print(line)
            if let keptIn { try? FileManager.default.removeItem(atPath: keptIn) }
        case .failure(let refusal):
            throw CommandFailure(message: sanitizeForTerminal(refusal.description, keepNewlines: true) + (keptIn.map { "\nyour text is kept in \($0) (cabinet new --from-file \($0) to try again)" } ?? ""))
        }
    }
}

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a decision's fields (officers): by option, --set FIELD=VALUE, or $EDITOR on the record.",
        discussion: """
            The change lands only on the version of the record it was made from: if a colleague
            changed it meanwhile, nothing is saved and you are told (your edited text is kept).
            Every changed field is in the history, old and new. A published decision's record is
            changed only by a correction with a reason (--reason; rule A-CORRECTION); a decision
            already taken is not moved to another meeting or date (A-RESCHEDULE). Giving a
            meeting or a date reschedules the decision: its agenda item and deadlines follow.

            Examples:
              cabinet edit 250 --report-author "Sam Okafor, Director of Place"
              cabinet edit 250 --meeting 14                # reschedule to meeting #14
              cabinet edit 34 --set reasons="..." --reason "typing error in the published reasons"
              cabinet edit 250                             # opens your editor on the record
            """)
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The decision's id.") var id: Int64
    @OptionGroup var fields: FieldOptions
    @Option(help: ArgumentHelp("Why a published record is corrected (required once published).", valueName: "text")) var reason: String?
    @Option(name: .customLong("expect-version"), help: ArgumentHelp("Refuse if the record is no longer at this version (as `show --format json` gave it).", valueName: "n"))
    var expectVersion: Int?

    func run() throws {
        let session = try Session(storeOptions)
        var values = try fields.values()
        var reason = reason
        var keptIn: String?
        let version: Int
        if values.isEmpty {
            try session.desk.require(.writeRecords, to: "editing a decision")
            let record = try session.desk.recordText(id: id)
            guard let edited = try RecordEditing.edit(record.text, retry: "cabinet edit \(id)") else {
                print("Nothing changed: the record was left empty.")
                return
            }
            values = edited.values
            reason = reason ?? edited.reason
            keptIn = edited.path
            version = expectVersion ?? record.version
        } else {
            guard let current = try session.desk.decision(id: id) else { throw StoreError.notFound(id: id) }
            version = expectVersion ?? current.version
        }
        let kept = keptIn.map { "\nyour edited text is kept in \($0) (cabinet edit \(id) --from-file \($0))" } ?? ""
        let result: Result<EditOutcome, AuthoringRefusal>
        do {
            result = try session.desk.editDecision(id: id, expectedVersion: version, values, reason: reason)
        } catch let error as StoreError {
            throw CommandFailure(message: error.description + kept)
        }
        switch result {
        case .success(let outcome):
            if outcome.changes.isEmpty {
                print("Nothing changed: decision #\(id) already says that.")
            } else {
                print("Saved decision #\(id) (version \(outcome.decision.version)): changed " + outcome.changes.map(\.field).joined(separator: ", "))
            }
            if let keptIn { try? FileManager.default.removeItem(atPath: keptIn) }
        case .failure(let refusal):
            throw CommandFailure(message: sanitizeForTerminal(refusal.description, keepNewlines: true) + kept)
        }
    }
}

struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a duplicate decision from the register (admin, with a reason); it is kept as removed, never erased.",
        discussion: """
            The record leaves the register, its searches and its agenda, and is kept whole apart
            from it; `cabinet show ID` then says who removed it, when and why, and the audit trail
            keeps the act (rule P-REMOVE). A record with acts recorded on it is not removed.

            Example:
              cabinet remove 251 --reason "duplicate of #250 (the page was imported twice)"
            """)
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The decision's id.") var id: Int64
    @Option(help: ArgumentHelp("Why it is removed, e.g. \"duplicate of #250\".", valueName: "text")) var reason: String?

    func run() throws {
        let session = try Session(storeOptions)
        guard let decision = try session.desk.decision(id: id) else { throw StoreError.notFound(id: id) }
        try session.desk.removeDuplicate(id: id, reason: reason)
        print("Removed decision #\(id): " + sanitizeForTerminal(decision.title) + " (kept as removed; cabinet history \(id))")
    }
}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start an empty register (no demo data); you are its administrator.",
        discussion: """
            Creates the store (the default one, or --store PATH) with nothing in it, readable by
            you only; the login that creates it is its admin (`cabinet users add` gives others
            their roles). Refuses a store that already exists.

            Examples:
              cabinet init
              cabinet init --store /srv/cabinet/register.sqlite
            """)
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let path = storeOptions.store ?? environment["CABINET_STORE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? DecisionStore.defaultPath(environment: environment)
        if FileManager.default.fileExists(atPath: path) {
            throw CommandFailure(message: "\(path) already exists; nothing was changed (give another --store to start a new register)")
        }
        let (store, _) = try storeOptions.open(calendar: OfficialCalendar.load())
        let desk = try Desk(store: store, calendar: store.calendar)
        print("Started an empty register at \(path); \(desk.actor.login) is its \(desk.actor.role.rawValue).")
        print("Next: cabinet meeting new --body Cabinet --date YYYY-MM-DD, then cabinet new (or press n in the dashboard).")
    }
}
