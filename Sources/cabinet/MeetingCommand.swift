import ArgumentParser
import Foundation
import Decisions
import DecisionStore
import Desk
import Terminal

struct MeetingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting",
        abstract: "Meetings and their agendas: create, show, add and reorder items, attendance, declarations of interest.",
        discussion: """
            Officers write meetings (rule P-AUTHOR); everyone reads them. Agenda items are
            numbered in order; moving or removing one renumbers the rest. Putting a decision on an
            item moves it to that meeting: its date to be taken and its deadlines follow. Changing
            a meeting's date moves the decisions on its agenda still to be taken. Declarations of
            interest (reg 13 puts them on the record of decision) are recorded per item and member.

            Examples:
              cabinet meeting new --body Cabinet --date 2027-01-14 --time 18:00 --place "Council Chamber"
              cabinet meeting list --upcoming
              cabinet meeting show 12
              cabinet meeting add-item 12 --title "Apologies for absence" --position 1
              cabinet meeting add-item 12 --decision 250
              cabinet meeting move-item 301 --to 2
              cabinet meeting attend 12 "Cllr Ahmed" --apologies
              cabinet meeting declare 301 --member "Cllr Jones" --kind other-registrable --detail "Governor of the school" \\
                  --dispensation "Standards Committee, 2026-10-01"
            """,
        subcommands: [List.self, Show.self, New.self, Edit.self, AddItem.self, MoveItem.self, RemoveItem.self, Attach.self,
                      Attend.self, Declare.self],
        defaultSubcommand: List.self)

    static func date(_ text: String, option: String) throws -> CivilDate {
        guard let date = CivilDate(iso: text) else { throw CommandFailure(message: "\(option): \"\(text)\" is not a date (YYYY-MM-DD)") }
        do { return try date.requireSupported(option) } catch { throw CommandFailure(message: error.description) }
    }

    static func line(_ meeting: Meeting) -> String {
        let when = [meeting.date?.iso, meeting.time].compactMap { $0 }.joined(separator: " ")
        return "#\(meeting.id ?? 0)  \(when.isEmpty ? "no date" : when)  " + sanitizeForTerminal(meeting.body)
            + (meeting.location.map { " · " + sanitizeForTerminal($0) } ?? "") + "  (\(meeting.items.count) items)"
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Meetings, newest first (with --upcoming: from today on, soonest first).")
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Only meetings from the viewing date on, soonest first.") var upcoming = false
        @Option(help: "At most this many.") var limit = 50
        func run() throws {
            let session = try Session(storeOptions)
            var meetings = try session.desk.meetings(offset: 0, limit: upcoming ? 5_000 : limit)
            if upcoming {
                meetings = meetings.filter { ($0.date ?? .init(year: 1, month: 1, day: 1)!) >= session.today }.reversed()
                meetings = Array(meetings.prefix(limit))
            }
            if meetings.isEmpty { print(upcoming ? "No meetings from \(session.today.iso) on." : "No meetings in the register.") }
            for meeting in meetings { print(MeetingCommand.line(meeting)) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A meeting's agenda in order, attendance and declarations of interest.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The meeting's number.") var id: Int64
        func run() throws {
            let session = try Session(storeOptions)
            guard let (meeting, items) = try session.desk.agenda(meetingID: id) else { throw CommandFailure(message: "there is no meeting #\(id)") }
            var shown = meeting
            shown.items = items
            print(MeetingCommand.line(shown))
            let declarations = try session.desk.declarations(meetingID: id)
            for item in items {
                var line = "  " + (item.number.map { $0.padding(toLength: 4, withPad: " ", startingAt: 0) } ?? "    ")
                    + sanitizeForTerminal(item.title) + "  [item \(item.id ?? 0)]"
                if let decision = item.decision { line += "  decision #\(decision.id ?? 0) \(decision.stage.label)" + (decision.isKeyDecision ? ", key" : "") }
                if item.isRestricted || item.decision?.isExempt == true {
                    let paragraphs = item.decision?.exemptParagraphs.map(String.init).joined(separator: ", ")
                    line += "  (private" + (paragraphs.map { ": Schedule 12A para \($0)" } ?? "") + ")"
                }
                print(line)
                for d in declarations where d.agendaItemID == item.id {
                    print("        interest: " + sanitizeForTerminal(d.member) + ", \(d.kind.label)"
                          + (d.detail.map { " (" + sanitizeForTerminal($0) + ")" } ?? "")
                          + (d.dispensation.map { "; dispensation: " + sanitizeForTerminal($0) } ?? ""))
                }
            }
            if items.isEmpty { print("  (no agenda items)") }
            for kind in Attendance.allCases {
                let names = meeting.attendees.filter { ($0.attendance ?? "present").lowercased().hasPrefix(kind.rawValue.prefix(4)) }.map(\.name)
                if !names.isEmpty { print("  \(kind.rawValue.capitalized): " + sanitizeForTerminal(names.joined(separator: ", "))) }
            }
        }
    }

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a meeting (officers).")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "The body that meets, e.g. Cabinet.") var body: String
        @Option(help: "YYYY-MM-DD.") var date: String
        @Option(help: "HH:MM, 24-hour.") var time: String?
        @Option(help: "Where it meets.") var place: String?
        func run() throws {
            let day = try MeetingCommand.date(date, option: "--date")
            let session = try Session(storeOptions)
            let id = try session.desk.createMeeting(body: body, date: day, time: time, place: place)
            print("Created meeting #\(id): " + sanitizeForTerminal(body) + " on \(day.iso)" + (time.map { " at \($0)" } ?? ""))
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a meeting's body, date, time or place; decisions still to be taken move with its date.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The meeting's number.") var id: Int64
        @Option var body: String?
        @Option(help: "YYYY-MM-DD.") var date: String?
        @Option(help: "HH:MM, 24-hour.") var time: String?
        @Option var place: String?
        func run() throws {
            let day = try date.map { try MeetingCommand.date($0, option: "--date") }
            let session = try Session(storeOptions)
            let changes = try session.desk.updateMeeting(id: id, body: body, date: day, time: time, place: place)
            print(changes.isEmpty ? "Nothing changed." : "Saved meeting #\(id): changed " + changes.map(\.field).joined(separator: ", "))
        }
    }

    struct AddItem: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-item", abstract: "Add an agenda item, optionally with a decision on it.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The meeting's number.") var meeting: Int64
        @Option(help: "The item's title (default: the decision's).") var title: String?
        @Option(help: "A decision in the register to put on the item.") var decision: Int64?
        @Option(help: "Place it at this position, 1 first (default: last).") var position: Int?
        @Flag(help: "Taken in private (the exempt part of the agenda).") var restricted = false
        func run() throws {
            let session = try Session(storeOptions)
            let id = try session.desk.addAgendaItem(meetingID: meeting, title: title, decisionID: decision, position: position, restricted: restricted)
            print("Added item \(id) to meeting #\(meeting)" + (decision.map { " with decision #\($0)" } ?? ""))
        }
    }

    struct MoveItem: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "move-item", abstract: "Move an agenda item to another position.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The item (as `meeting show` numbers it in [item N]).") var item: Int64
        @Option(help: "The new position, 1 first.") var to: Int
        func run() throws {
            let session = try Session(storeOptions)
            try session.desk.moveAgendaItem(id: item, to: to)
            print("Moved item \(item) to position \(to).")
        }
    }

    struct RemoveItem: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove-item", abstract: "Take an item off its agenda (a decision on it stays in the register).")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The item.") var item: Int64
        func run() throws {
            let session = try Session(storeOptions)
            try session.desk.removeAgendaItem(id: item)
            print("Removed item \(item) from its agenda.")
        }
    }

    struct Attach: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put a decision on an agenda item (it moves to that meeting).")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The item.") var item: Int64
        @Argument(help: "The decision.") var decision: Int64
        func run() throws {
            let session = try Session(storeOptions)
            try session.desk.attachDecision(decision, toItem: item)
            print("Decision #\(decision) is on item \(item).")
        }
    }

    struct Attend: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record who attended a meeting, or sent apologies.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The meeting's number.") var meeting: Int64
        @Argument(help: "The member's name.") var name: String
        @Flag(help: "Present, sent apologies, or absent (default present).") var attendance: Attendance = .present
        @Option(help: "Their role at the meeting, e.g. Chair.") var role: String?
        func run() throws {
            let session = try Session(storeOptions)
            try session.desk.recordAttendance(meetingID: meeting, name: name, attendance: attendance, role: role)
            print("Recorded " + sanitizeForTerminal(name) + ": \(attendance.rawValue) at meeting #\(meeting).")
        }
    }

    struct Declare: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a member's declaration of interest in an agenda item.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The item.") var item: Int64
        @Option(help: "The member who declared it.") var member: String
        @Option(help: "disclosable-pecuniary, other-registrable or non-registrable.") var kind: String
        @Option(help: "What the interest is.") var detail: String?
        @Option(help: "The dispensation granted, by whom and when.") var dispensation: String?
        func run() throws {
            guard let parsed = InterestKind.parse(kind) else {
                throw CommandFailure(message: "--kind: \"\(kind)\" is not a kind of interest; use " + InterestKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let session = try Session(storeOptions)
            _ = try session.desk.declareInterest(InterestDeclaration(agendaItemID: item, member: member, kind: parsed, detail: detail,
                                                                     dispensation: dispensation))
            print("Recorded " + sanitizeForTerminal(member) + "'s \(parsed.label) in item \(item).")
        }
    }
}

extension Attendance: EnumerableFlag {}
