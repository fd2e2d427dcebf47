import Foundation
import Testing
import Decisions
@testable import Interchange

@Suite struct ModernGovSeedTests {
    @Test func seed000DecisionDetails() throws {
        let (data, name) = try Fixtures.seed("000")
        let records = try Importer.parse(data, file: name)
        #expect(records.meetings.isEmpty)
        let d = try #require(records.decisions.first)
        #expect(d.title == "Department for Education Local Authority Sector Led Improvement Programme")
        #expect(d.decisionMaker == "Children and Families Cabinet Member - 2022-2023")
        #expect(d.makerKind == .individualMember)
        #expect(d.status == "Recommendations Approved")
        #expect(!d.isKeyDecision)
        #expect(!d.isSubjectToCallIn)
        #expect(d.isUrgent)
        #expect(d.urgencyReason?.hasPrefix("The matter was urgent due to the requirement to submit the application by 11 February 2021") == true)
        #expect(d.publicationDate == CivilDate(iso: "2021-02-11"))
        #expect(d.decisionDate == CivilDate(iso: "2021-02-11"))
        #expect(d.meeting == MeetingReference(body: "Children and Families Cabinet Member - 2022-2023", date: CivilDate(iso: "2021-02-11"), item: "20"))
        #expect(d.resolutions.count == 1)
        #expect(d.resolutions.first?.label == nil)
        #expect(d.resolutions.first?.text.hasPrefix("That the council’s application to become a Sector Led Improvement partner") == true)
        #expect(d.decisionText?.contains("\u{00A0}") == false, "non-breaking-space lines are dropped")
        #expect(d.source == name)
    }

    @Test func seed002AgendaItemWithLetteredResolutions() throws {
        let (data, name) = try Fixtures.seed("002")
        let records = try Importer.parse(data, file: name)
        let meeting = try #require(records.meetings.first)
        let item = try #require(meeting.items.first)
        #expect(item.title == "Special Educational Needs and Disability (SEND) Update on Improvement Plans")
        #expect(item.minutes?.contains("currently at 30%") == true)
        #expect(item.minutes?.contains("national average of 59% by March 2023") == true)
        let d = try #require(item.decision)
        #expect(d.decisionMaker == "Cabinet")
        #expect(d.makerKind == .cabinet)
        #expect(d.resolutions.map(\.label) == ["(a)", "(b)", "(c)"])
        #expect(d.resolutions[2].text.contains("bi-monthly reporting on progress against the WSOA"))
    }

    @Test func seed001AgendaItemBecomesTheBoardsDecision() throws {
        let (data, name) = try Fixtures.seed("001")
        let records = try Importer.parse(data, file: name)
        let item = try #require(records.meetings.first?.items.first)
        #expect(item.title == "Children's Programme update")
        #expect(item.minutes?.contains("all 14 of the KPIs") == true)
        #expect(item.minutes?.contains("£1.75m") == true)
        let d = try #require(item.decision)
        #expect(d.decisionMaker == "Improvement & Innovation Board")
        #expect(d.makerKind == .committee)
        #expect(d.resolutions == [Resolution(label: nil, text: "Improvement & Innovation Board noted the update and endorsed the proposed new areas of support for 2022/23.")])
    }

    @Test func seed003IssueMeetingsPage() throws {
        let (data, name) = try Fixtures.seed("003")
        let records = try Importer.parse(data, file: name)
        let meeting = try #require(records.meetings.first)
        #expect(meeting.body == "Children's Services Overview and Scrutiny Committee")
        #expect(meeting.date == CivilDate(iso: "2024-11-26"))
        let item = try #require(meeting.items.first)
        #expect(item.number == "35")
        #expect(item.title == "SEND Improvement Update")
        #expect(item.text?.hasPrefix("This paper provides an update on the progress to date") == true)
        #expect(item.text?.contains("pdf icon") == false)
        #expect(item.minutes?.contains("health representative to the Committee") == true)
        #expect(item.minutes?.contains("view the full minutes text") == false)
        #expect(item.decision == nil, "scrutiny made comments, not a decision")
    }
}

@Suite struct ModernGovHTMLTests {
    @Test func htmlPageWithOtherLabelsAndEntities() throws {
        let records = try Importer.parse(try Fixtures.file("decision-details.html"), file: "decision-details.html")
        let d = try #require(records.decisions.first)
        #expect(d.title == "Award of the Street Lighting & LED Replacement Contract")
        #expect(d.decisionMaker == "Cabinet", "the script's text never becomes a field")
        #expect(d.status == "Recommendations Approved (subject to call-in)")
        #expect(d.stage == .published)
        #expect(d.isKeyDecision && d.isSubjectToCallIn)
        #expect(d.keyReason == "Expenditure > £500,000;")
        #expect(d.wards == ["Abbey", "St Mary’s", "Riverside"])
        #expect(d.resolutions.map(\.label) == ["1.", "2."])
        #expect(d.resolutions[0].text == "The contract be awarded to Brightway Ltd at a cost of £2.4m.")
        #expect(d.resolutions[1].text.contains("– including the “break clause”"))
        #expect(d.alternatives == "Do nothing – rejected as energy costs would rise.")
        #expect(d.effectiveFrom == CivilDate(iso: "2022-06-28"))
        #expect(d.exemptParagraphs == [3])
        #expect(d.documents.map(\.title) == ["Street lighting report PDF 310 KB"])
    }

    @Test func entitiesAndBrokenMarkup() {
        #expect(HTMLText.decodeEntities("&pound;5 &amp; &#8217; &#x2013; &bogus; &") == "£5 & ’ – &bogus; &")
        let text = HTMLText.text(fromHTML: "<p>One<br>Two<SCRIPT>if (a < b) alert(1)</Script></p><!-- x --><p>Three <b>bold")
        #expect(!text.contains("alert"))
        #expect(text.contains("One\nTwo"))
        #expect(text.contains("Three bold"))
    }
}

@Suite struct MalformedInputTests {
    func error(_ text: String, file: String = "bad.txt") -> ImportError? {
        do { _ = try Importer.parse(Data(text.utf8), file: file); return nil } catch let e as ImportError { return e } catch { return nil }
    }

    @Test func impossibleDateNamesLineAndField() throws {
        let e = try #require(error("Decision details\n\nA title\n\nDecision Maker: Cabinet\n\nDate of decision: 31/02/2024\n"))
        #expect(e.line == 7)
        #expect(e.field == "Date of decision")
        #expect(e.description == "bad.txt:7: field 'Date of decision': invalid date \"31/02/2024\" (expected dd/mm/yyyy)")
    }

    @Test func unrecognisedEmptyBinaryAndInvalidUTF8() throws {
        #expect(error("Hello world\nno heading here")?.message.contains("not a ModernGov page") == true)
        #expect(error("   \n ")?.message == "the file is empty")
        #expect(error("Decision details\n\u{0}\u{1}binary")?.message.contains("binary") == true)
        var bytes = Data("Decision details\nTitle\nline three \u{00E9}".utf8)
        bytes.append(contentsOf: [0xC3, 0x28, 0x0A])
        let e: ImportError? = { do { _ = try Importer.parse(bytes, file: "x.txt"); return nil } catch let e as ImportError { return e } catch { return nil } }()
        #expect(e?.line == 3)
        #expect(e?.message.hasPrefix("invalid UTF-8") == true)
    }

    @Test func badYesNo() throws {
        let e = try #require(error("Decision details\nT\nIs Key decision?: Perhaps\n"))
        #expect(e.field == "Is Key decision?")
    }

    @Test func headingWithoutTitle() throws {
        #expect(error("Decision details\n\n\n")?.message.contains("no title") == true)
    }
}

@Suite struct MeasureImportTests {
    @Test func seed002TargetAndReading() throws {
        let (data, name) = try Fixtures.seed("002")
        let measure = try #require(try Importer.parse(data, file: name).measures.first)
        #expect(measure.plan == "SEND Written Statement of Action")
        #expect(measure.name.hasPrefix("Proportion of Education, Health & Care Plans being converted within the statutory 20-week deadline"))
        #expect(measure.unit == "%")
        #expect(measure.target == 59)
        #expect(measure.targetDate == CivilDate(iso: "2023-03-31"))
        #expect(measure.readings.map(\.value) == [30])
    }

    @Test func seed004HighlightsBecomeReadings() throws {
        let (data, name) = try Fixtures.seed("004")
        let records = try Importer.parse(data, file: name)
        #expect(records.decisions.isEmpty && records.meetings.isEmpty)
        let byName = Dictionary(uniqueKeysWithValues: records.measures.map { ($0.name, $0) })
        #expect(records.measures.allSatisfy { $0.plan == "Children's services improvement" })
        #expect(records.measures.allSatisfy { $0.readings.first?.date == CivilDate(iso: "2023-03-31") })
        #expect(byName["Days of targeted support"]?.readings.first?.value == 791)
        #expect(byName["Peer reviews and diagnostics"]?.readings.first?.value == 24)
        #expect(byName["Councillors and officers"]?.readings.first?.value == 629)
        #expect(byName["Portfolio holders and officers"]?.readings.first?.value == 102)
        let percent = try #require(records.measures.first { $0.unit == "%" })
        #expect(percent.readings.first?.value == 99)
        #expect(percent.name.hasPrefix("Councils that were rated"))
    }
}
