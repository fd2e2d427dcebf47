import Foundation
import Testing
import Decisions
@testable import Interchange

@Suite struct ICalendarTests {
    let events = [
        CalendarEvent(uid: "meeting-7@cabinet-desk", date: CivilDate(iso: "2026-12-02")!, summary: "Cabinet",
                      description: "Agenda:\n1. Apologies\n2. Budget; savings, £1.2m", location: "Council Chamber, Civic Centre",
                      categories: ["Meeting"]),
        CalendarEvent(uid: "deadline-34-call_in_ends@cabinet-desk", date: CivilDate(iso: "2026-11-27")!,
                      summary: "Call-in ends: " + String(repeating: "Local Plan Review – Thornbury Fields’ allocation ", count: 3),
                      categories: ["Deadline", "call_in_ends"]),
    ]

    var text: String { ICalendar.encode(events, stamp: "20261123T000000Z") }

    @Test func crlfOnlyAndLinesAtMost75Octets() {
        let lines = text.components(separatedBy: "\r\n")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare LF")
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.last == "", "ends with CRLF")
    }

    @Test func foldingNeverSplitsACharacterAndUnfoldsBack() {
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:Call-in ends: " + String(repeating: "Local Plan Review – Thornbury Fields’ allocation ", count: 3)))
        for line in text.components(separatedBy: "\r\n") {
            #expect(String(data: Data(line.utf8), encoding: .utf8) == line)
        }
    }

    @Test func textIsEscaped() {
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains(#"DESCRIPTION:Agenda:\n1. Apologies\n2. Budget\; savings\, £1.2m"#))
        #expect(unfolded.contains(#"LOCATION:Council Chamber\, Civic Centre"#))
        #expect(ICalendar.escape("a\\b") == #"a\\b"#)
    }

    @Test func structureAndStableUIDs() {
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.first == "BEGIN:VCALENDAR")
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 2)
        #expect(lines.filter { $0 == "END:VEVENT" }.count == 2)
        #expect(lines.contains("DTSTART;VALUE=DATE:20261202"))
        #expect(lines.contains("DTEND;VALUE=DATE:20261203"))
        #expect(lines.contains("UID:meeting-7@cabinet-desk"))
        #expect(ICalendar.encode(events, stamp: "20261123T000000Z") == text, "same input, same bytes")
    }
}
