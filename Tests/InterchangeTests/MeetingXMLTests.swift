import Decisions
import Foundation
import Testing
@testable import Interchange

@Suite struct MeetingXMLTests {
    func cabinet() throws -> Meeting {
        let records = try Importer.parse(try Fixtures.file("getmeeting-cabinet.xml"), file: "getmeeting.xml")
        #expect(records.decisions.isEmpty)
        try #require(records.meetings.count == 1)
        return records.meetings[0]
    }

    @Test func detectsXML() throws {
        #expect(try Importer.detectFormat(try Fixtures.file("getmeeting-cabinet.xml"), file: "g.xml") == .moderngovMeetingXML)
        #expect(try Importer.detectFormat(Data("<meeting><meetingid>1</meetingid></meeting>".utf8), file: "m.xml") == .moderngovMeetingXML)
    }

    @Test func meetingFields() throws {
        let m = try cabinet()
        #expect(m.reference == "moderngov:4812")
        #expect(m.body == "Cabinet")
        #expect(m.date == CivilDate(iso: "2024-03-12"))
        #expect(m.time == "6.00 pm")
        #expect(m.status == "Minutes published")
        #expect(m.location == "Council Chamber, Civic Centre, Anytown AN1 1AA")
        #expect(m.source == "getmeeting.xml")
        #expect(m.attendees == [
            Attendee(name: "Councillor Jane Smith", role: "Chair", attendance: "Present", party: "Liberal Democrat", ward: "Westbourne"),
            Attendee(name: "Councillor Omar Ahmed", role: "Committee Member", attendance: "Apologies", party: "Conservative", ward: "Boscombe East"),
        ])
        #expect(m.items.map(\.number) == ["1", "6", "9"])
    }

    @Test func itemWithoutDecision() throws {
        let item = try cabinet().items[0]
        #expect(item.title == "Apologies for absence")
        #expect(item.text == "To receive any apologies for absence.")
        #expect(item.minutes == "Apologies were received from Councillor Ahmed.")
        #expect(item.decision == nil)
        #expect(!item.isRestricted)
        #expect(item.documents.isEmpty)
    }

    @Test func decisionItem() throws {
        let item = try cabinet().items[1]
        #expect(item.title == "Revenue Budget Monitoring & Savings 2023/24")
        #expect(item.text == "To consider the council’s forecast outturn, an overspend of £3.1m (2.1%).\nWards: All")
        #expect(item.documents == [
            DocumentLink(title: "Budget monitoring report Q3", url: "https://democracy.anytown.gov.uk/documents/s50771/Budget%20monitoring%20report%20Q3.pdf"),
            DocumentLink(title: "Appendix B - Savings proposals", url: "https://democracy.anytown.gov.uk/documents/s50772/Appendix%20B.pdf"),
        ])
        let d = try #require(item.decision)
        #expect(d.decisionMaker == "Cabinet" && d.makerKind == .cabinet)
        #expect(d.meeting == MeetingReference(body: "Cabinet", date: CivilDate(iso: "2024-03-12"), item: "6"))
        #expect(d.decisionDate == CivilDate(iso: "2024-03-12"))
        #expect(d.stage == .decided)
        #expect(d.reference == "moderngov-ai:30214")
        #expect(d.resolutions == [
            Resolution(label: "(a)", text: "That the forecast outturn be noted."),
            Resolution(label: "(b)", text: "That savings of £1.2m be approved, as set out in Appendix B."),
        ])
        #expect(!d.isExempt && !d.isUrgent)
        #expect(d.purpose == item.text)
        #expect(item.minutes?.hasSuffix("Reason for decision: to keep spending within the approved budget.") == true)
    }

    @Test func restrictedItemIsExempt() throws {
        let item = try cabinet().items[2]
        #expect(item.isRestricted)
        let d = try #require(item.decision)
        #expect(d.exemptParagraphs == [3])
        #expect(d.resolutions == [Resolution(label: nil, text: "That the disposal of land at Mill Lane be approved on the terms set out in the exempt report.")])
    }

    @Test func restrictedWithoutStatedParagraphDefaultsToThree() throws {
        let xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <meeting><meetingid>9</meetingid><committeetitle>Planning Committee</committeetitle><meetingdate>01/02/2024</meetingdate>
        <agendaitems><agendaitem><agendaitemtitle>Staffing matter</agendaitemtitle><agendaitemnumber>4</agendaitemnumber>
        <isdecision>True</isdecision><isrestricted>True</isrestricted></agendaitem>
        <agendaitem><agendaitemtitle>Staff appeal</agendaitemtitle><agendatext>Exempt under paragraphs 1 and 2 of Schedule 12A.</agendatext>
        <isdecision>True</isdecision><isrestricted>True</isrestricted></agendaitem></agendaitems>
        <attendees><attendee memberid="1" name="Cllr A Jones" roledescription="Chair" attendance="Present" politicalparty="Labour" ward="Central"/></attendees>
        </meeting>
        """
        let m = try #require(try MeetingXMLImporter.parse(Data(xml.utf8), file: "p.xml").meetings.first)
        #expect(m.body == "Planning Committee")
        let first = try #require(m.items[0].decision)
        #expect(first.exemptParagraphs == MeetingXMLImporter.defaultRestrictedParagraphs)
        #expect(first.makerKind == .committee)
        #expect(first.resolutions.isEmpty)
        #expect(first.stage == .proposed)      // nothing published yet: the decision is due at the meeting
        #expect(first.procedure.scheduledFor == CivilDate(iso: "2024-02-01"))
        #expect(m.items[1].decision?.exemptParagraphs == [1, 2])
        #expect(m.attendees == [Attendee(name: "Cllr A Jones", role: "Chair", attendance: "Present", party: "Labour", ward: "Central")])
    }

    func xmlError(_ xml: String, file: String = "x.xml") -> ImportError? {
        importError { _ = try Importer.parse(Data(xml.utf8), file: file) }
    }

    @Test func doctypeAndEntitiesAreRefused() {
        let laughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
        <meeting><committeetitle>&lol2;</committeetitle></meeting>
        """
        let e = xmlError(laughs)
        #expect(e?.line == 2)
        #expect(e?.message.contains("DOCTYPE") == true)
        let external = """
        <?xml version="1.0"?>
        <!DOCTYPE meeting SYSTEM "http://attacker.example/evil.dtd">
        <meeting><committeetitle>x</committeetitle></meeting>
        """
        #expect(xmlError(external)?.message.contains("refused") == true)
    }

    @Test func malformedXMLIsAnError() {
        let e = xmlError("<?xml version=\"1.0\"?>\n<meeting>\n<committeetitle>Cabinet</committeetitle>\n<agendaitems><agendaitem>\n")
        #expect(e?.file == "x.xml")
        #expect(e?.message.hasPrefix("malformed XML") == true, "\(String(describing: e))")
        #expect(xmlError("<?xml version=\"1.0\"?><other/>")?.message.contains("not a ModernGov web-service response") == true)
        #expect(xmlError("<meeting><committeetitle>C</committeetitle><meetingdate>31/02/2024</meetingdate></meeting>")?.description
                == "x.xml:1: field 'meetingdate': invalid date \"31/02/2024\" (expected dd/mm/yyyy)")
        #expect(xmlError("<meeting><committeetitle>C</committeetitle><agendaitems><agendaitem><agendaitemtitle>T</agendaitemtitle><isdecision>Maybe</isdecision></agendaitem></agendaitems></meeting>")?.field == "isdecision")
        #expect(xmlError("<meeting><meetingdate>01/01/2024</meetingdate></meeting>")?.field == "committeetitle")
        let deep = "<meeting>" + String(repeating: "<a>", count: 5000) + String(repeating: "</a>", count: 5000) + "</meeting>"
        #expect(xmlError(deep)?.file == "x.xml")
        var bad = Data("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<meeting><committeetitle>Caf".utf8)
        bad.append(contentsOf: [0xC3, 0x28])
        bad.append(contentsOf: Array("</committeetitle></meeting>".utf8))
        let utf = importError { _ = try Importer.parse(bad, file: "x.xml") }
        #expect(utf?.description == "x.xml:2: invalid UTF-8 at byte 67")
    }
}

func importError(_ body: () throws -> Void) -> ImportError? {
    do { try body(); return nil } catch let error as ImportError { return error } catch { return nil }
}
