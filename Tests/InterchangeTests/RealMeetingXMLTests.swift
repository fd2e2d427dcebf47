import Foundation
import Testing
import Decisions
@testable import Interchange

/// The four real Manchester responses (GetCommittees, GetMeetings, GetMeeting with and without
/// minutes), alone and together.
@Suite struct RealMeetingXMLTests {
    static func file(_ name: String) throws -> (file: String, data: Data) {
        ("moderngov-xml/" + name, try Fixtures.file("moderngov-xml/" + name))
    }

    static func refusal(_ body: () throws -> Void) -> ImportError? {
        do { try body(); return nil } catch let error as ImportError { return error } catch { return nil }
    }

    @Test func getCommitteesAloneIsReadAndHoldsNoRecord() throws {
        let readings = try Importer.readings([Self.file("committees.xml")])
        #expect(readings[0].format == .moderngovMeetingXML)
        #expect(readings[0].records.meetings.isEmpty && readings[0].records.decisions.isEmpty)
    }

    @Test func getMeetingsListsEachMeetingWithItsCommitteeAndStatus() throws {
        let meetings = try Importer.readings([Self.file("meetings.xml")])[0].records.meetings
        #expect(meetings.map(\.reference) == ["moderngov:4966", "moderngov:4967"])
        #expect(meetings.allSatisfy { $0.body == "Audit Committee" })
        #expect(meetings.map(\.status) == ["Cancelled", "Confirmed"])
        #expect(meetings.map(\.date) == [CivilDate(iso: "2026-01-13"), CivilDate(iso: "2026-02-10")])
        #expect(meetings[0].time == "10.00 am")
    }

    @Test func getMeetingWithMinutesAloneTakesItsCommitteeFromItsLinkedDocuments() throws {
        let meeting = try #require(try Importer.readings([Self.file("meeting_with_minutes.xml")])[0].records.meetings.first)
        #expect(meeting.body == "Audit Committee")
        #expect(meeting.reference == "moderngov:4967")
        // The displayed numbers, not the internal agendaitemnumber 4 and 12.
        #expect(meeting.items.map(\.number) == ["1", "9"])
        #expect(meeting.items[0].text == "To approve as a correct record the minutes of the meeting held on 25 November 2025.")
        #expect(meeting.items[1].minutes?.hasPrefix("The Committee considered a report of the Governance and Scrutiny Support Unit") == true)
        #expect(meeting.items.allSatisfy { $0.decision == nil && !$0.isRestricted })
        #expect(meeting.location == "Council Antechamber, Level 2, Town Hall Extension")
        #expect(meeting.attendees.first?.name == "Councillor Basil Curley")
    }

    @Test func getMeetingNamingNoCommitteeAloneIsRefusedSayingWhatToDo() throws {
        let error = try #require(Self.refusal { _ = try Importer.readings([Self.file("meeting_no_minutes.xml")]) })
        #expect(error.file == "moderngov-xml/meeting_no_minutes.xml")
        #expect(error.message.contains("names no committee"))
        #expect(error.message.contains("--committee"))
    }

    @Test func getMeetingTakesItsCommitteeFromTheGetMeetingsBesideIt() throws {
        let readings = try Importer.readings([Self.file("meeting_no_minutes.xml"), Self.file("meetings.xml")])
        let cancelled = try #require(readings[0].records.meetings.first)
        #expect(cancelled.body == "Audit Committee")
        #expect(cancelled.status == "Cancelled")
        #expect(cancelled.items.isEmpty)
    }

    @Test func getMeetingTakesTheCommitteeOption() throws {
        let readings = try Importer.readings([Self.file("meeting_no_minutes.xml")], committee: "Audit Committee")
        #expect(readings[0].records.meetings.first?.body == "Audit Committee")
    }

    @Test func allFourTogetherKeepTheAgendaOverTheListing() throws {
        let readings = try Importer.readings(["committees.xml", "meetings.xml", "meeting_with_minutes.xml", "meeting_no_minutes.xml"].map(Self.file))
        let meetings = readings.flatMap(\.records.meetings)
        let described = meetings.filter { $0.reference == "moderngov:4967" }
        // GetMeetings' entry for 4967 gives way to the GetMeeting response with its agenda.
        #expect(described.count == 1)
        #expect(described.first?.items.count == 2)
        #expect(meetings.allSatisfy { $0.body == "Audit Committee" })
    }

    @Test func anHTMLPageWhereXMLWasAskedIsRefusedAsSuch() throws {
        let page = Data("<!DOCTYPE html><html><head><script>window.location='https://x'</script></head><body>Redirecting</body></html>".utf8)
        let error = try #require(Self.refusal { _ = try Importer.parse(page, file: "GetMeeting.xml") })
        #expect(error.message.contains("an HTML page where ModernGov web-service XML was expected"))
    }

    @Test func anEncodingOtherThanUTF8IsRefusedNamingIt() throws {
        let xml = Data("<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n<meeting><committeetitle>Cabinet</committeetitle></meeting>".utf8)
        let error = try #require(Self.refusal { _ = try Importer.parse(xml, file: "m.xml") })
        #expect(error.message.contains("\"UTF-7\""))
        #expect(error.field == "encoding")
        let utf8 = Data("<?xml version='1.0' encoding='utf-8'?><meeting><committeetitle>Cabinet</committeetitle></meeting>".utf8)
        #expect(try Importer.parse(utf8, file: "m.xml").meetings.first?.body == "Cabinet")
    }

    /// Valid XML past libxml2's 10 MB single-push limit imports whole.
    @Test func aValidTenMegabyteFileImports() throws {
        let filler = String(repeating: "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", count: 40)
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<meeting><meetingid>1</meetingid><committeetitle>Cabinet</committeetitle><agendaitems>\n"
        var count = 0
        while xml.utf8.count < 10_500_000 {
            count += 1
            xml += "<agendaitem><agendaitemtitle>Item \(count)</agendaitemtitle><fulldisplaynumberformat>\(count).</fulldisplaynumberformat><agendatext>&lt;p&gt;\(filler)&lt;/p&gt;</agendatext></agendaitem>\n"
        }
        xml += "</agendaitems></meeting>\n"
        let meeting = try #require(try Importer.parse(Data(xml.utf8), file: "big.xml").meetings.first)
        #expect(meeting.items.count == count)
        #expect(meeting.items.last?.number == String(count))
    }

    /// A 6 MB list of attributes on one element parses (its speed is `cabinet bench`'s to watch).
    @Test func aSixMegabyteAttributeListParses() throws {
        let attributes = (0..<200_000).map { "a\($0)=\"vvvvvvvvvvvvvvvvvvvvvvvv\"" }.joined(separator: " ")
        let xml = "<?xml version=\"1.0\"?>\n<meeting committeetitle=\"Cabinet\" \(attributes)><meetingid>7</meetingid></meeting>\n"
        #expect(xml.utf8.count > 6_000_000)
        let meeting = try #require(try Importer.parse(Data(xml.utf8), file: "attributes.xml").meetings.first)
        #expect(meeting.body == "Cabinet")
        #expect(meeting.reference == "moderngov:7")
    }
}

/// The XML reader's own refusals: each names the line and what is wrong.
@Suite struct XMLTreeTests {
    static func refusal(_ xml: String) -> String? {
        RealMeetingXMLTests.refusal { _ = try XMLTree.parse(Array(xml.utf8), file: "x.xml") }?.description
    }

    @Test func wellFormedPartsAreRead() throws {
        let root = try XMLTree.parse(Array("<?xml version=\"1.0\"?>\n<!-- c --><m a='1' b=\"&lt;2&gt;\"><t>x &amp; y &#163;&#xA3;</t><e/><![CDATA[<raw>]]></m>\n".utf8), file: "x.xml")
        #expect(root.name == "m" && root.attributes == ["a": "1", "b": "<2>"])
        #expect(root.children.map(\.name) == ["t", "e"])
        #expect(root.children[0].text == "x & y ££")
        #expect(root.text == "<raw>")
    }

    @Test func malformedDocumentsAreRefusedNamingTheLine() {
        #expect(Self.refusal("<m>\n<a></b>\n</m>") == "x.xml:2: malformed XML: </b> closes <a> (opened on line 2)")
        #expect(Self.refusal("<m>\n<a>\n") == "x.xml:3: malformed XML: the document ends before <a> is closed (truncated?)")
        #expect(Self.refusal("<m>&nbsp;</m>")?.contains("the entity &nbsp; is not defined") == true)
        #expect(Self.refusal("<m a=\"1\" a=\"2\"/>")?.contains("attribute a given twice") == true)
        #expect(Self.refusal("<m a=1/>")?.contains("is not quoted") == true)
        #expect(Self.refusal("<m/><n/>")?.contains("a second top-level element") == true)
        #expect(Self.refusal("text<m/>")?.contains("text outside") == true)
        #expect(Self.refusal("<m><!-- open")?.contains("ends inside a comment") == true)
    }
}
