import Foundation
import Testing

/// An officer writes a decision into the register as a person would, in the real dashboard under
/// tmux: a meeting six weeks ahead, a key decision for it from the form (its purpose typed in
/// $EDITOR), an edit, the agenda, then, on the meeting day (the clock moved with faketime, since
/// acts are dated by the system clock), the decision taken and published; a member then finds it
/// on the meeting's agenda. Needs root for the member's own login, and faketime.
enum AuthoringHost {
    static var canRun: Bool {
        OperatingSystemUsers.isRoot && FileManager.default.isExecutableFile(atPath: "/usr/bin/faketime")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
    }
}

@Suite(.serialized, .enabled(if: TmuxSession.isAvailable && AuthoringHost.canRun,
                             "needs tmux, faketime (Debian package faketime) and root (to act as a member's own login)"))
struct AuthoringEndToEndTests {
    static let purpose = "To award the leisure management contract for ten years from April 2027,"
    static let purposeSecondLine = "after a competitive tender run under the Procurement Act 2023."

    static func iso(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/London")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    /// Six weeks from the real today, on a weekday.
    static func meetingDay() -> Date {
        var day = Date().addingTimeInterval(42 * 86_400)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        while calendar.isDateInWeekend(day) { day = day.addingTimeInterval(86_400) }
        return day
    }

    /// The letter the decide dialog gives `label`, read off the screen.
    static func letter(for label: String, in screen: String) throws -> String {
        // The dialog's lines read "│   a  Schedule   │", over whatever the screen shows beside it.
        for line in screen.split(separator: "\n").map(String.init) {
            guard let range = line.range(of: "  \(label) ") ?? line.range(of: "  \(label)│") else { continue }
            let before = line[..<range.lowerBound]
            if let letter = before.last, letter.isLetter, before.dropLast().last == " " { return String(letter) }
        }
        throw TestSetupError("no \(label) in the decide dialog:\n\(screen)")
    }

    func dashboard(_ dir: URL, store: String, clock: String? = nil, as login: String? = nil) throws -> TmuxSession {
        let install = try OperatingSystemUsers.publicInstall()
        var command = [install.binary]
        if let clock { command = ["/usr/bin/faketime", clock] + command }
        if let login { command = ["/usr/bin/setpriv", "--reuid=\(login)", "--regid=\(login)", "--clear-groups"] + command }
        let env = ["LANG": "C.UTF-8", "TZ": "Europe/London", "TERM": "xterm-256color", "CABINET_STORE": store,
                   "XDG_CONFIG_HOME": dir.path, "HOME": dir.path, "CABINET_DATA": install.data,
                   "EDITOR": dir.appendingPathComponent("editor.sh").path]
        return try TmuxSession(command: command, width: 100, height: 32, environment: env)
    }

    @Test func anOfficerWritesAKeyDecisionAndAMemberFindsItOnTheAgenda() throws {
        let dir = URL(fileURLWithPath: "/tmp/cabinet-authoring-\(UUID().uuidString)")
        // Private until the store is made in it: a store is never created where others could plant its files.
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("register.sqlite").path
        // The editor is a script: it types the purpose as a person would in vi.
        let editor = dir.appendingPathComponent("editor.sh")
        try "#!/bin/sh\nprintf '%s\\n%s\\n' '\(Self.purpose)' '\(Self.purposeSecondLine)' > \"$1\"\n"
            .write(to: editor, atomically: true, encoding: .utf8)
        chmod(editor.path, 0o755)
        let today = Self.iso(Date()), meeting = Self.iso(Self.meetingDay())
        let started = try OperatingSystemUsers.run(["init"], as: nil, store: store, home: dir.path)
        #expect(started.status == 0, "\(started.stderr)")
        chmod(dir.path, 0o777)

        // Before the meeting: the meeting, the decision, an edit, the agenda, the schedule.
        let officer = try dashboard(dir, store: store)
        defer { officer.kill() }
        try officer.waitFor("0 decisions")
        try officer.send("2")
        try officer.waitFor("0 meetings")
        try officer.send("c")
        try officer.waitFor("New meeting: body; YYYY-MM-DD; HH:MM; place")
        try officer.send("-l", "\(meeting); 18:00; Council Chamber")
        try officer.send("Enter")
        try officer.waitFor("Created meeting #1: Cabinet on \(meeting) at 18:00")

        try officer.send("1", "c")
        try officer.waitFor("New decision · field 1 of")
        try officer.send("-l", "Award of the leisure management contract")
        try officer.send("Tab")
        try officer.send("-l", "Cabinet")
        try officer.send("Tab", "Tab")
        try officer.send("-l", meeting)
        try officer.send("Tab", "C-u")
        try officer.send("-l", "yes")
        try officer.send("Tab")
        // Leaving the reason empty on a key decision is refused beside the field.
        try officer.send("Tab")
        try officer.waitFor("a key decision needs its reason")
        try officer.send("BTab")
        try officer.send("-l", "spending")
        try officer.send("Tab", "Tab")
        try officer.send("-l", "Hollins, Abbey")
        try officer.send("Tab")
        try officer.send("-l", "A. Patel, Head of Leisure")
        try officer.send("Tab")
        try officer.send("-l", "leisure@example.gov.uk")
        try officer.send("Tab", "Tab")
        try officer.waitFor("field 12 of 15: Purpose")
        try officer.send("Enter")
        try officer.waitFor("(2 lines)")
        try officer.send("C-o")
        let recorded = try officer.waitFor("Recorded decision #1")
        #expect(recorded.contains(Self.purpose) && recorded.contains(Self.purposeSecondLine), "the purpose from $EDITOR is on the record:\n\(recorded)")
        #expect(recorded.contains("Key decision (Expenditure or savings above the council's threshold)"))
        #expect(recorded.contains("To be taken       \(meeting)"))

        try officer.send("e")
        try officer.waitFor("Edit decision #1 · field 1 of")
        for _ in 0..<8 { try officer.send("Tab") }
        try officer.waitFor("field 9 of 18: Report author")
        try officer.send("C-u")
        try officer.send("-l", "Sam Okafor, Director of Place")
        try officer.send("C-o")
        let edited = try officer.waitFor("Saved #1: changed report_author")
        #expect(edited.contains("Report author     Sam Okafor, Director of Place"))

        try officer.send("2")
        try officer.waitFor("1 meetings")
        try officer.send("Enter")
        try officer.waitFor("0 agenda items")
        try officer.send("A")
        try officer.waitFor("Put decision number on this agenda")
        try officer.send("1", "Enter")
        let agenda = try officer.waitFor("Decision #1 is item 1 on this agenda")
        #expect(agenda.contains("Award of the leisure management contract") && agenda.contains("Decision (register #1, proposed)"))

        try officer.send("1", "t")
        let choices = try officer.waitFor("Press a letter")
        try officer.send(try Self.letter(for: "Schedule", in: choices))
        try officer.waitFor("Reason (optional)")
        try officer.send("-l", "\(meeting) notice \(today)")
        try officer.send("Enter")
        try officer.waitFor("Schedule: #1 is now proposed")
        try officer.send("q")
        try officer.waitFor("[exited 0]")

        // The meeting day: the decision is taken, its record completed, and published.
        let onTheDay = try dashboard(dir, store: store, clock: "\(meeting) 19:30:00")
        defer { onTheDay.kill() }
        try onTheDay.waitFor("1 decision ·")
        try onTheDay.send("t")
        let offered = try onTheDay.waitFor("Press a letter")
        try onTheDay.send(try Self.letter(for: "Approve", in: offered))
        try onTheDay.waitFor("Reason (optional)")
        try onTheDay.send("Enter")
        try onTheDay.waitFor("Approve: #1 is now decided")
        try onTheDay.send("Enter", "e")
        try onTheDay.waitFor("Edit decision #1")
        for _ in 0..<15 { try onTheDay.send("Tab") }
        try onTheDay.waitFor("field 16 of 18: Reasons")
        try onTheDay.send("-l", "The tender gave the best value for money.")
        try onTheDay.send("Tab")
        try onTheDay.send("-l", "To extend the current contract: rejected as poorer value.")
        try onTheDay.send("C-o")
        try onTheDay.waitFor("Saved #1: changed reasons, alternatives")
        try onTheDay.send("t")
        let next = try onTheDay.waitFor("Press a letter")
        try onTheDay.send(try Self.letter(for: "Publish", in: next))
        try onTheDay.waitFor("Reason (optional)")
        try onTheDay.send("Enter")
        try onTheDay.waitFor("Publish: #1 is now published")
        try onTheDay.send("q")
        try onTheDay.waitFor("[exited 0]")

        // A member, logged in as themselves, finds it on the meeting's agenda.
        let member = "cdtest-member1"
        try OperatingSystemUsers.ensure(member)
        #expect(try OperatingSystemUsers.run(["users", "add", member, "--role", "member"], as: nil, store: store, home: dir.path).status == 0)
        for suffix in ["", "-wal", "-shm"] { chmod(store + suffix, 0o666) }
        let reader = try dashboard(dir, store: store, as: member)
        defer { reader.kill() }
        try reader.waitFor("\(member) (member)")
        try reader.send("2")
        try reader.waitFor(meeting)
        try reader.send("Enter")
        let seen = try reader.waitFor("Award of the leisure management contract")
        #expect(seen.contains("1 agenda items"))
        #expect(seen.contains("Decision (register #1, published)"), "the agenda shows where the decision stands:\n\(seen)")
        // The member may not write: the form is refused by rule.
        try reader.send("1", "c")
        try reader.waitFor("Recording decisions needs the officer role (rule P-AUTHOR)")
        try reader.send("q")

        let history = try OperatingSystemUsers.run(["history", "1"], as: nil, store: store, home: dir.path).stdout
        #expect(history.contains("report_author: A. Patel, Head of Leisure → Sam Okafor, Director of Place"), "\(history)")
        #expect(history.contains("approve") && history.contains("publish"))
        #expect(try OperatingSystemUsers.run(["audit", "verify"], as: nil, store: store, home: dir.path).status == 0)
    }
}
