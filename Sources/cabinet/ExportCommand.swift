import ArgumentParser
import Foundation
import Decisions
import DecisionStore
import Desk
import Interchange

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export decisions as JSON or CSV, or a calendar (ICS) of meetings and deadlines, with the same filters as list.",
        discussion: """
            JSON round-trips through `cabinet import`. ICS (iCalendar) holds the meetings in the
            date range and the outstanding statutory deadlines of the matching decisions, one
            all-day event each with a stable UID, so re-importing it updates a calendar rather than
            duplicating it. Without --output the export goes to standard output; with it the file is
            written whole or not at all.

            Examples:
              cabinet export --format json --output register.json
              cabinet export --key --from 2026-04-01 --format csv > key-decisions.csv
              cabinet export --format ics --from 2026-11-01 --output cabinet.ics
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var filterOptions: FilterOptions
    @Option(name: .long, help: "json, csv or ics.") var format: ExportFormat = .json
    @Option(name: .long, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?
    @Option(name: .customLong("file-mode"), help: ArgumentHelp("Permissions of the --output file, in octal (default 600: you only; 640 lets your group read it).", valueName: "mode"))
    var fileMode: String = "600"

    func validate() throws {
        _ = try Self.mode(fileMode)
    }

    static func mode(_ text: String) throws -> mode_t {
        guard let mode = mode_t(text, radix: 8), mode <= 0o777 else {
            throw ValidationError("--file-mode: expected octal permissions such as 600 or 640, found \"\(text)\"")
        }
        return mode
    }

    func run() throws {
        let session = try Session(storeOptions)
        let desk = session.desk
        let filter = try filterOptions.filter(defaultOrder: .oldest)
        let rules = try desk.rules()
        if format == .ics {
            let text = try CalendarExport.events(session: session, filter: filter, rules: rules)
            let sink = try OutputSink(path: output, mode: Self.mode(fileMode))
            do { try sink.write(ICalendar.encode(text, stamp: CalendarExport.stamp())); try sink.commit() } catch { sink.abandon(); throw error }
            return
        }
        let sink = try OutputSink(path: output, mode: Self.mode(fileMode))
        do {
            var first = true
            if format == .json { try sink.write("[\n") }
            try desk.forEach(filter) { batch in
                if format == .json {
                    // Each batch is encoded as an array; its elements are spliced into one array.
                    let text = String(decoding: try DecisionJSON.encode(batch) { session.deadlines(for: $0, rules: rules) }, as: UTF8.self)
                    let inner = Self.arrayElements(text)
                    guard !inner.isEmpty else { return }
                    try sink.write((first ? "" : ",\n") + inner)
                } else {
                    let csv = DecisionCSV.encode(batch)
                    try sink.write(first ? csv : Self.droppingHeader(csv))
                }
                first = false
            }
            if format == .json { try sink.write("\n]\n") }
            try sink.commit()
        } catch {
            sink.abandon()
            throw error
        }
    }

    /// A CSV batch without its header line (records end in CRLF, one Character in Swift, so
    /// the header's end is found as a newline, not as "\n").
    static func droppingHeader(_ csv: String) -> String {
        guard let end = csv.firstIndex(where: \.isNewline) else { return "" }
        return String(csv[csv.index(after: end)...])
    }

    /// The text between the outer brackets of a JSON array.
    static func arrayElements(_ text: String) -> String {
        guard let open = text.firstIndex(of: "["), let close = text.lastIndex(of: "]"), open < close else { return "" }
        return text[text.index(after: open)..<close].trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Standard output, or a file written to a temporary name and renamed into place on success.
/// The file is created with `mode` (owner-only unless asked): an export may hold what only
/// its maker may read.
final class OutputSink {
    private let handle: FileHandle
    private let path: String?
    private let temporary: String?

    init(path: String?, mode: mode_t = 0o600) throws {
        self.path = path
        guard let path else { handle = .standardOutput; temporary = nil; return }
        let temp = path + ".partial-\(getpid())"
        // O_EXCL: never write into a file someone else prepared under the temporary name.
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            throw CommandFailure(message: "--output: cannot write \(path): \(String(cString: strerror(errno)))")
        }
        // The umask may have narrowed `mode`; what was asked for is what the file gets.
        fchmod(fd, mode)
        temporary = temp
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    func write(_ text: String) throws { try handle.write(contentsOf: Data(text.utf8)) }

    func commit() throws {
        guard let path, let temporary else { return }
        try handle.close()
        if rename(temporary, path) != 0 {
            throw CommandFailure(message: "--output: cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    func abandon() {
        guard let temporary else { return }
        try? handle.close()
        unlink(temporary)
    }
}

/// The calendar export: meetings and outstanding statutory deadlines as all-day events.
enum CalendarExport {
    static func events(session: Session, filter: DecisionFilter, rules: CouncilRules) throws -> [CalendarEvent] {
        var events: [CalendarEvent] = []
        let total = try session.desk.meetingCount()
        var offset = 0
        while offset < total {
            for meeting in try session.desk.meetings(offset: offset, limit: 500) {
                guard let date = meeting.date else { continue }
                if let from = filter.from, date < from { continue }
                if let to = filter.to, date > to { continue }
                events.append(CalendarEvent(
                    uid: "meeting-\(uidPart(meeting.naturalKey))@cabinet-desk", date: date,
                    summary: meeting.body + (meeting.time.map { " (\($0))" } ?? ""),
                    description: "\(meeting.items.count) agenda item\(meeting.items.count == 1 ? "" : "s")" + (meeting.status.map { " · \($0)" } ?? ""),
                    location: meeting.location, categories: ["Meeting"]))
            }
            offset += 500
        }
        let calculator = DeadlineCalculator(rules: rules, calendar: session.calendar)
        try session.desk.forEach(filter) { batch in
            for decision in batch {
                for deadline in calculator.deadlines(for: decision, today: session.today) where deadline.isOutstanding {
                    guard let date = deadline.date, let id = decision.id else { continue }
                    events.append(CalendarEvent(
                        uid: "deadline-\(uidPart(decision.naturalKey))-\(deadline.kind.rawValue)@cabinet-desk", date: date,
                        summary: "\(deadline.kind.label.prefix(1).uppercased() + deadline.kind.label.dropFirst()): \(decision.title)",
                        description: "Decision #\(id) · \(decision.decisionMaker) · \(deadline.state.description)"
                            + (deadline.note.map { " · \($0)" } ?? ""),
                        categories: ["Deadline", deadline.kind.rawValue]))
                }
            }
        }
        for action in try session.desk.actions(.open, limit: 100_000) {
            if let from = filter.from, action.due < from { continue }
            if let to = filter.to, action.due > to { continue }
            events.append(CalendarEvent(
                uid: "action-\(action.id ?? 0)@cabinet-desk", date: action.due, summary: "Action: " + action.text,
                description: [action.owner.map { "Owner: \($0)" }, action.recurrence.map { "Recurs \($0)" },
                              action.decisionID.map { "Decision #\($0)" }].compactMap { $0 }.joined(separator: " · "),
                categories: ["Action"]))
        }
        return events
    }

    /// A UID part from a natural key: stable, and only characters safe everywhere.
    static func uidPart(_ key: String) -> String {
        String(key.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(120))
    }

    static func stamp() -> String {
        let now = AuditEntry.timestamp(Date())
        return now.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    }
}
