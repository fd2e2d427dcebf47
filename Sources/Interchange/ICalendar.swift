import Decisions

/// One all-day event of a calendar export.
public struct CalendarEvent: Sendable, Equatable {
    /// Stable across exports, so calendar programs update the event rather than add another.
    public var uid: String
    public var date: CivilDate
    public var summary: String
    public var description: String?
    public var location: String?
    public var categories: [String]

    public init(uid: String, date: CivilDate, summary: String, description: String? = nil, location: String? = nil,
                categories: [String] = []) {
        self.uid = uid; self.date = date; self.summary = summary; self.description = description
        self.location = location; self.categories = categories
    }
}

/// iCalendar (RFC 5545): CRLF line ends, TEXT escaping, lines folded at 75 octets without
/// splitting a UTF-8 character.
public enum ICalendar {
    public static func encode(_ events: [CalendarEvent], stamp: String) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Cabinet Desk//Cabinet Desk//EN", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH", "X-WR-CALNAME:Cabinet Desk"]
        for event in events {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:" + escape(event.uid))
            lines.append("DTSTAMP:" + stamp)
            lines.append("DTSTART;VALUE=DATE:" + basic(event.date))
            lines.append("DTEND;VALUE=DATE:" + basic(event.date.adding(days: 1)))
            lines.append("SUMMARY:" + escape(event.summary))
            if let description = event.description { lines.append("DESCRIPTION:" + escape(description)) }
            if let location = event.location { lines.append("LOCATION:" + escape(location)) }
            if !event.categories.isEmpty { lines.append("CATEGORIES:" + event.categories.map(escape).joined(separator: ",")) }
            lines.append("TRANSP:TRANSPARENT")
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func basic(_ date: CivilDate) -> String { date.iso.replacingOccurrences(of: "-", with: "") }

    /// TEXT values: controls neutralised as on screen (line breaks kept), then backslash,
    /// semicolon and comma escaped and line breaks written as \n.
    static func escape(_ text: String) -> String {
        var out = ""
        var previousCR = false
        for scalar in sanitizeForTerminal(text, keepNewlines: true).unicodeScalars {
            defer { previousCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": if !previousCR { out += "\\n" }
            case "\r": out += "\\n"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Folds a content line into lines of at most 75 octets; continuations start with a space.
    static func fold(_ line: String) -> String {
        var folded: [String] = []
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            let limit = folded.isEmpty ? 75 : 74  // a continuation's leading space counts
            if octets + size > limit {
                folded.append(current)
                current = ""
                octets = 0
            }
            current.append(character)
            octets += size
        }
        folded.append(current)
        return folded.enumerated().map { $0.offset == 0 ? $0.element : " " + $0.element }.joined(separator: "\r\n")
    }
}

import Foundation
import TextSafety
