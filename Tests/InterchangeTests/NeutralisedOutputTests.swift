import Foundation
import Testing
import Decisions
@testable import Interchange

/// Issue 16: nothing from a record reaches an export raw. CSV and iCalendar neutralise
/// control characters and bidi overrides as the screen does; JSON escapes what encoders pass
/// through raw (C1 controls, bidi overrides), so the value still round-trips exactly.
@Suite struct NeutralisedOutputTests {
    static let hostile = "Hostile \u{1B}]0;pwned\u{07} title \u{9B}31m \u{202E}txet\u{2066}"

    static func rawControls(_ text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter {
            ($0 < 0x20 && $0 != 0x0A && $0 != 0x0D) || (0x7F...0x9F).contains($0) || (0x202A...0x202E).contains($0)
                || (0x2066...0x2069).contains($0)
        }
    }

    @Test func jsonEscapesC1ControlsAndBidiOverridesAndStillRoundTrips() throws {
        let decision = Decision(title: Self.hostile, decisionMaker: "Cabinet \u{85}Member")
        let text = String(decoding: try DecisionJSON.encode([decision]), as: UTF8.self)
        #expect(Self.rawControls(text).isEmpty, "raw controls in JSON: \(Self.rawControls(text))")
        #expect(text.contains(#"\u009b31m \u202etxet\u2066"#))
        #expect(text.contains(#"Cabinet \u0085Member"#))
        #expect(try DecisionJSON.decode(Data(text.utf8), file: "x.json") == [decision], "the escapes decode to the same value")
    }

    @Test func csvCellsCarryNoControlCharacters() {
        let csv = DecisionCSV.encode([Decision(title: Self.hostile, decisionMaker: "Cabinet",
                                               resolutions: [Resolution(label: "(a)", text: "line one\nline\u{1B}[2J two")])])
        // Only the CRLF record ends and the line break inside the quoted cell remain.
        #expect(Self.rawControls(csv).isEmpty)
        #expect(csv.contains("Hostile ␛]0;pwned␇ title \u{FFFD}31m txet"))
        #expect(csv.contains("\"(a) line one\nline␛[2J two\""))
    }

    @Test func iCalendarTextCarriesNoControlCharacters() {
        let text = ICalendar.encode([CalendarEvent(uid: "x@cabinet-desk", date: CivilDate(iso: "2026-12-02")!, summary: Self.hostile,
                                                   description: "a\u{1B}[31mb\u{9B}", categories: ["Meeting"])],
                                    stamp: "20261123T000000Z")
        #expect(Self.rawControls(text).isEmpty)
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:Hostile ␛]0\\;pwned␇ title \u{FFFD}31m txet"))
        #expect(unfolded.contains("DESCRIPTION:a␛[31mb\u{FFFD}"))
    }
}
