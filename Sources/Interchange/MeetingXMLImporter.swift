import Decisions
import Foundation

/// ModernGov web service `GetMeeting` XML → a `Meeting` with its agenda, attendees and the
/// decisions taken under its items.
///
/// Safety: a document with a DOCTYPE (and so any ENTITY declaration) is refused before
/// parsing; the reader (`XMLTree`) knows no entities but the predefined ones, fetches nothing,
/// and caps nesting.
///
/// Restricted items (`isrestricted` True) become exempt decisions: the Schedule 12A
/// paragraphs are taken from the item's text when it cites them, otherwise paragraph 3
/// (financial or business affairs, the ground most restricted executive items rest on) is
/// recorded so the decision is never treated as open.
enum MeetingXMLImporter {
    static let defaultRestrictedParagraphs = [3]

    final class Node {
        let name: String
        let attributes: [String: String]
        let line: Int
        var text = ""
        var children: [Node] = []
        init(name: String, attributes: [String: String], line: Int) { self.name = name; self.attributes = attributes; self.line = line }

        func child(_ name: String) -> Node? { children.first { $0.name == name } }
        func children(_ name: String) -> [Node] { children.filter { $0.name == name } }
        /// Trimmed text of a child element, or of an attribute of that name; nil when empty.
        func value(_ name: String) -> String? {
            let v = (child(name)?.text ?? attributes[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return v.isEmpty ? nil : v
        }
        func first(named name: String) -> Node? {
            var queue = [self]
            var k = 0
            while k < queue.count {
                if queue[k].name == name { return queue[k] }
                queue += queue[k].children
                k += 1
            }
            return nil
        }
    }

    static func parse(_ data: Data, file: String, committees: CommitteeDirectory = CommitteeDirectory()) throws -> ImportedRecords {
        let root = try tree(data, file: file)
        switch root.name {
        case "committees", "getcommittees":
            // GetCommittees: names for the meetings imported with it; no record of its own.
            return ImportedRecords()
        case "getmeetings":
            return ImportedRecords(meetings: try meetingsList(root, file: file))
        default:
            guard let meeting = root.name == "meeting" ? root : root.first(named: "meeting") else {
                throw ImportError(file: file, line: root.line, message: "XML <\(root.name)> is not a ModernGov web-service response (expected GetMeeting, GetMeetings or GetCommittees)")
            }
            return ImportedRecords(meetings: [try build(meeting, file: file, committees: committees)])
        }
    }

    /// GetMeetings: each committee's meetings, dated, with their status (a cancelled meeting is kept, as cancelled).
    static func meetingsList(_ root: Node, file: String) throws -> [Meeting] {
        var meetings: [Meeting] = []
        for committee in root.children("committee") {
            let body = plain(committee.value("committeetitle")) ?? committee.value("committeeid").map { "Committee \($0)" } ?? "Unknown body"
            for m in committee.child("committeemeetings")?.children("meeting") ?? committee.children("meeting") {
                meetings.append(Meeting(reference: m.value("meetingid").map { "moderngov:" + $0 }, body: body, date: try meetingDate(m, file: file),
                                        time: plain(m.value("meetingtime")), location: plain(m.value("meetinglocation")),
                                        status: plain(m.value("meetingstatus")), source: file))
            }
        }
        return meetings
    }

    /// The committee a GetMeeting response belongs to, and where that was found.
    static func committee(of m: Node, committees: CommitteeDirectory) -> String? {
        if let own = plain(m.value("committeetitle") ?? m.value("committeename") ?? m.value("committee")
                           ?? m.value("bodyname") ?? m.value("decisionmaker")) { return own }
        if let id = m.value("meetingid"), let title = committees.byMeetingID[id] { return title }
        if let id = m.value("committeeid"), let title = committees.byCommitteeID[id] { return title }
        // Each linked document names the committee whose papers it is.
        for item in m.child("agendaitems")?.children("agendaitem") ?? m.children("agendaitem") {
            for doc in item.child("linkeddocuments")?.children("linkeddoc") ?? item.children("linkeddoc") {
                if let title = plain(doc.value("committeetitle")) { return title }
            }
        }
        return committees.fallback ?? m.value("committeeid").map { "Committee \($0)" }
    }

    static func meetingDate(_ m: Node, file: String) throws -> CivilDate? {
        guard let raw = m.value("meetingdate") else { return nil }
        let token = raw.split(separator: " ").first.map(String.init) ?? raw
        guard let parsed = CivilDate(ukNumeric: token) ?? CivilDate(iso: token.prefix(10)) else {
            throw ImportError(file: file, line: m.child("meetingdate")?.line ?? m.line, field: "meetingdate",
                              message: "invalid date \"\(raw.prefix(40))\" (expected dd/mm/yyyy)")
        }
        return parsed
    }

    /// Parses the document into a tree, refusing DTDs, invalid UTF-8 and malformed XML.
    static func tree(_ data: Data, file: String) throws -> Node {
        let bytes = [UInt8](data)
        let text = try Importer.decodeUTF8(data, file: file)
        // Refused outright, before any parser sees them: no entity is ever expanded or fetched.
        for marker in ["<!doctype", "<!entity"] {
            if let range = text.range(of: marker, options: .caseInsensitive) {
                let line = 1 + text[..<range.lowerBound].filter { $0 == "\n" }.count
                throw ImportError(file: file, line: line,
                                  message: "XML with a DOCTYPE or ENTITY declaration is refused (entities are never expanded or fetched)")
            }
        }
        if let declared = declaredEncoding(text), !["utf-8", "utf8", "utf-16", "utf16"].contains(declared.lowercased()) {
            throw ImportError(file: file, line: 1, field: "encoding",
                              message: "XML declares encoding \"\(declared)\"; only UTF-8 (or UTF-16) is read")
        }
        return try XMLTree.parse(bytes, file: file)
    }

    /// The encoding an XML declaration names (`<?xml version="1.0" encoding="UTF-7"?>`).
    static func declaredEncoding(_ text: String) -> String? {
        let head = text.drop(while: { $0 == "\u{FEFF}" || $0.isWhitespace }).prefix(200)
        guard head.hasPrefix("<?xml"), let end = head.range(of: "?>") else { return nil }
        let declaration = head[..<end.lowerBound]
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop(while: { $0 == " " || $0 == "=" })
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix(while: { $0 != quote }))
    }

    private static func flag(_ node: Node, _ name: String, file: String) throws -> Bool {
        guard let v = node.value(name) else { return false }
        switch v.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default:
            throw ImportError(file: file, line: node.child(name)?.line ?? node.line, field: name, message: "expected True or False, found \"\(v.prefix(40))\"")
        }
    }

    /// Entity-escaped HTML (already unescaped once by the XML parser) → clean paragraphs.
    private static func html(_ text: String?) -> String? {
        guard let text else { return nil }
        let lines = ModernGovPage.lines(HTMLText.text(fromHTML: text)).map(\.text)
        let t = ModernGovPage.paragraphs(lines)
        return t.isEmpty ? nil : t
    }

    static func plain(_ text: String?) -> String? {
        guard let text else { return nil }
        let t = HTMLText.decodeEntities(text).replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? nil : t
    }

    static func build(_ m: Node, file: String, committees: CommitteeDirectory) throws -> Meeting {
        guard let body = committee(of: m, committees: committees) else {
            throw ImportError(file: file, line: m.line, field: "committeetitle",
                              message: "the meeting names no committee: import it with the GetMeetings or GetCommittees response it came with, or give --committee NAME")
        }
        let date = try meetingDate(m, file: file)
        let minutesPublished = try flag(m, "minutepublished", file: file)
        let decisionsPublished = try flag(m, "decisionpublished", file: file)

        var items: [AgendaItem] = []
        let itemNodes = m.child("agendaitems")?.children("agendaitem") ?? m.children("agendaitem")
        for node in itemNodes {
            guard let title = plain(node.value("agendaitemtitle")) else {
                throw ImportError(file: file, line: node.line, field: "agendaitemtitle", message: "agenda item has no title")
            }
            // The displayed number ("1."), not the internal agendaitemnumber (4).
            let number = (node.value("fulldisplaynumberformat").map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 })
                ?? node.value("minutesitemnumber") ?? node.value("agendaitemnumber")
            let text = html(node.value("agendatext"))
            let minutes = html(node.value("minutesnonemptyhtmlbody")).map(ModernGovImporter.cleanMinutes)
            let decisionBody = html(node.value("decisionnonemptyhtmlbody"))
            let isRestricted = try flag(node, "isrestricted", file: file)
            let isDecision = try flag(node, "isdecision", file: file)
            let decisionPublished = try flag(node, "isdecisionpublished", file: file)
            var documents: [DocumentLink] = []
            for doc in node.child("linkeddocuments")?.children("linkeddoc") ?? node.children("linkeddoc") {
                guard let docTitle = plain(doc.value("title")) ?? doc.value("url") else { continue }
                // A restricted document keeps its title; its address is not recorded.
                let restricted = try flag(doc, "isrestricted", file: file)
                documents.append(DocumentLink(title: docTitle, url: restricted ? nil : doc.value("url")))
            }

            var decision: Decision?
            if isDecision {
                var resolutions: [Resolution] = []
                if let d = decisionBody { resolutions = ResolutionSplitter.split(d) }
                else if let m = minutes, let resolved = ResolutionSplitter.afterResolved(m) { resolutions = ResolutionSplitter.split(resolved) }
                let allText = [title, text, decisionBody, minutes].compactMap { $0 }.joined(separator: "\n")
                var exempt = ModernGovImporter.exemptParagraphs(allText)
                if isRestricted && exempt.isEmpty { exempt = defaultRestrictedParagraphs }
                let taken = decisionPublished || decisionsPublished || minutesPublished || !resolutions.isEmpty
                let isUrgent = ModernGovImporter.mentionsUrgency(allText)
                decision = Decision(
                    reference: node.value("agendaitemid").map { "moderngov-ai:\($0)" },
                    title: title, decisionMaker: body,
                    meeting: MeetingReference(body: body, date: date, item: number),
                    status: taken ? "Resolved" : "", stage: taken ? .decided : .proposed,
                    isUrgent: isUrgent, urgencyReason: isUrgent ? ModernGovImporter.urgencySentence(allText) : nil,
                    exemptParagraphs: exempt, decisionDate: taken ? date : nil,
                    purpose: text, decisionText: decisionBody ?? resolutions.map { [$0.label, $0.text].compactMap { $0 }.joined(separator: " ") }.joined(separator: "\n"),
                    resolutions: resolutions, documents: documents, source: file,
                    procedure: Procedure(scheduledFor: date))
            }
            items.append(AgendaItem(number: number, title: title, text: text, minutes: minutes, isRestricted: isRestricted,
                                    documents: documents, decision: decision))
        }

        var attendees: [Attendee] = []
        for a in m.child("attendees")?.children("attendee") ?? m.children("attendee") {
            guard let name = plain(a.value("name")) else { continue }
            attendees.append(Attendee(name: name, role: plain(a.value("roledescription")), attendance: plain(a.value("attendance")),
                                      party: plain(a.value("politicalparty")), ward: plain(a.value("ward"))))
        }

        return Meeting(reference: m.value("meetingid").map { "moderngov:" + $0 }, body: body, date: date,
                       time: plain(m.value("meetingtime")), location: plain(m.value("meetinglocation")),
                       status: plain(m.value("meetingstatus")), attendees: attendees, items: items, source: file)
    }
}
