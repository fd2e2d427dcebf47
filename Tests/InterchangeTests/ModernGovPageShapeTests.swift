import Foundation
import Testing
import Decisions
@testable import Interchange

/// The shapes real ModernGov pages come in: with or without the heading, compact or spaced,
/// with navigation debris, with unlabelled paragraphs, with any line ends.
@Suite struct ModernGovPageShapeTests {
    static let headingless = """
        Decision Maker: Cabinet
        Decision status: Recommendations Approved
        Is Key decision?: No
        Is subject to call in?: Yes
        To present the task group's final report for consideration.
        1. That the recommendations of the Task Group's Final Report are approved.
        2. That a Cabinet Task Group be set up to see the recommendations implemented;
        To ensure that Cabinet is fully briefed on the task group's findings.
        Do nothing – none of the task group's recommendations would be approved.
        A further paragraph nobody labelled.
        Publication date: 07/06/2022
        Date of decision: 07/06/2022
        Decided at meeting: 07/06/2022 - Cabinet
        Effective from: 15/06/2022
        Accompanying Documents:
        """

    static func decision(_ text: String, file: String = "page.txt") throws -> Decision {
        try #require(try Importer.parse(Data(text.utf8), file: file).decisions.first)
    }

    @Test func aPageStartingAtDecisionMakerIsReadWithADerivedTitle() throws {
        let reading = try Importer.reading(Data(Self.headingless.utf8), file: "p.txt")
        let d = try #require(reading.records.decisions.first)
        #expect(d.title == "To present the task group's final report for consideration")
        #expect(reading.fields.first?.field == "derived title", "the title is marked as derived")
        #expect(d.decisionMaker == "Cabinet")
        #expect(d.effectiveFrom == CivilDate(iso: "2022-06-15"))
    }

    @Test func unlabelledParagraphsArePlacedByPositionAndWordingAndTheRestKeptInNotes() throws {
        let reading = try Importer.reading(Data(Self.headingless.utf8), file: "p.txt")
        let d = try #require(reading.records.decisions.first)
        #expect(d.purpose == "To present the task group's final report for consideration.")
        #expect(d.resolutions.map(\.label) == ["1.", "2."])
        #expect(d.reasons == "To ensure that Cabinet is fully briefed on the task group's findings.")
        #expect(d.alternatives?.hasPrefix("Do nothing") == true)
        #expect(reading.unplaced == [ImportReading.Unplaced(line: 10, text: "A further paragraph nobody labelled.")])
        #expect(d.notes == "line 10: A further paragraph nobody labelled.")
    }

    @Test func theSpacedLayoutReadsAsTheCompactOne() throws {
        let spaced = "Decision details\n\n \n" + Self.headingless.split(separator: "\n").map { $0 + "\n\n  \n" }.joined()
        let compact = try Self.decision("Decision details\n" + Self.headingless)
        let d = try Self.decision(spaced)
        #expect(d.title == compact.title)
        #expect(d.resolutions == compact.resolutions)
        #expect(d.purpose == compact.purpose && d.reasons == compact.reasons && d.alternatives == compact.alternatives)
    }

    @Test func crlfAndCROnlyLineEndsImportExactlyAsLF() throws {
        let lf = try Self.decision(Self.headingless)
        #expect(try Self.decision(Self.headingless.replacingOccurrences(of: "\n", with: "\r\n")) == lf)
        #expect(try Self.decision(Self.headingless.replacingOccurrences(of: "\n", with: "\r")) == lf)
        let html = "<html><body><h2>Decision details</h2>\n<h1>Parking Charges</h1>\n<p>Decision Maker: Cabinet</p>\n<p>Decision status: Decision Made</p>\n<p>Date of decision: 03/02/2025</p>\n</body></html>\n"
        let fromLF = try Self.decision(html, file: "p.html")
        let fromCRLF = try Self.decision(html.replacingOccurrences(of: "\n", with: "\r\n"), file: "p.html")
        #expect(fromCRLF == fromLF)
        #expect(fromCRLF.title == "Parking Charges", "never a blank title (a duplicate record under another key)")
        #expect(fromCRLF.naturalKey == fromLF.naturalKey)
    }

    @Test func navigationDebrisIsNeitherTitleNorDocument() throws {
        let page = "Menu\n• Decision details\nDecision details\nLibrary Opening Hours\nDecision Maker: Cabinet\nDecision status: Recommendations Approved\nDecision:\nThat the hours be agreed.\nAccompanying Documents:\n  • Report\nFeedback\nBack to the top of the page\n"
        let d = try Self.decision(page)
        #expect(d.title == "Library Opening Hours")
        #expect(d.documents.map(\.title) == ["• Report"])
    }

    @Test func aTitleIsNeverAFieldLine() throws {
        let d = try Self.decision("Decision details\nDecision status: Recommendations Approved\nIs Key decision?: No\nDecision:\nThat the report be noted.\n")
        #expect(d.title != "Decision status: Recommendations Approved")
        #expect(d.status == "Recommendations Approved")
        #expect(d.title == "That the report be noted")
    }

    @Test func labelsWithoutColonsAndCouncilOnlyLabelsAreRead() throws {
        let page = """
            Decision status: Recommendations Approved
            Is Allweddol decision?: Yes
            Decision taken
            Cabinet agreed the recommendations set out in the report.
            Reason for decision
            The committee recommended them.
            Other options:
            None.
            Divisions affected: (All Divisions);
            Publication date: 12/12/2023
            Date comes into force if not called in: 20/12/2023
            Call-in deadline date: 19/12/2023
            """
        let reading = try Importer.reading(Data(page.utf8), file: "p.txt")
        let d = try #require(reading.records.decisions.first)
        #expect(d.isKeyDecision)
        #expect(d.decisionText == "Cabinet agreed the recommendations set out in the report.")
        #expect(d.reasons == "The committee recommended them.")
        #expect(d.alternatives == "None.")
        #expect(d.wards == ["(All Divisions)"])
        #expect(d.effectiveFrom == CivilDate(iso: "2023-12-20"))
        #expect(reading.fields.contains { $0.field == "call-in deadline" && $0.value == "19/12/2023" })
        #expect(try Self.decision("Decision Maker: Cabinet\nEffeithiol O: 05/08/2020\n").effectiveFrom == CivilDate(iso: "2020-08-05"))
    }

    @Test func thePublishedStatusMapsToTheStageAndIsKeptAsPublished() throws {
        func stage(_ status: String, _ extra: String = "") throws -> (Stage, String) {
            let d = try Self.decision("Decision Maker: Cabinet\nDecision status: \(status)\nIs subject to call in?: Yes\n\(extra)")
            return (d.stage, d.status)
        }
        #expect(try stage("Decision Made") == (.decided, "Decision Made"))
        #expect(try stage("Decision Made", "Publication date: 01/02/2024\n").0 == .published)
        #expect(try stage("Recommendations Approved", "Publication date: 01/02/2024\n").0 == .published)
        #expect(try stage("For Determination") == (.proposed, "For Determination"))
        #expect(try stage("Implemented").0 == .implemented)
        #expect(try stage("Abandoned").0 == .withdrawn)
        #expect(try stage("Withdrawn").0 == .withdrawn)
        #expect(try stage("Deleted").0 == .withdrawn)
    }

    @Test func aTextWithNoFieldBlockIsStillRefused() throws {
        #expect(throws: ImportError.self) { try Importer.parse(Data("Dear resident,\nthe bins are collected on Tuesdays.\n".utf8), file: "letter.txt") }
    }
}

/// Resolution splitting, by the conventions of the shared corpus README.
@Suite struct ResolutionSplittingTests {
    static func labels(_ text: String) -> [String?] { ResolutionSplitter.split(text).map(\.label) }

    @Test func everyTopLevelStyleSplits() {
        #expect(Self.labels("1. One.\n2. Two.") == ["1.", "2."])
        #expect(Self.labels("1) One;\n2) Two.") == ["1)", "2)"])
        #expect(Self.labels("(1) One;\n(2) Two.") == ["(1)", "(2)"])
        #expect(Self.labels("(a) One;\n(b) Two.") == ["(a)", "(b)"])
        #expect(Self.labels("a) One;\nb) Two.") == ["a)", "b)"])
        #expect(Self.labels("i. One;\nii. Two.") == ["i.", "ii."])
        #expect(Self.labels("(i) One;\n(ii) Two;\n(iii) Three.") == ["(i)", "(ii)", "(iii)"])
    }

    @Test func nestedItemsStayInsideTheirParent() {
        let resolutions = ResolutionSplitter.split("1) First;\n2) Second, namely:\ni) alpha;\nii) beta;\niii) gamma.")
        #expect(resolutions.map(\.label) == ["1)", "2)"])
        #expect(resolutions[1].text.contains("iii) gamma."))
        // Letters up to (h) then (i) continue the letters; (i) straight after (a) is nested roman.
        #expect(Self.labels((["a", "b", "c", "d", "e", "f", "g", "h", "i"]).map { "(\($0)) item;" }.joined(separator: "\n"))
            .count == 9)
        #expect(Self.labels("(a) Motion one:\n(i) notes;\n(ii) agrees;\n(b) Motion two.") == ["(a)", "(b)"])
    }

    @Test func inlineListsInsideOneSentenceStayWhole() {
        #expect(Self.labels("To approve (i) the scheme and (ii) its budget.") == [nil])
        #expect(Self.labels("Recommendation a): agreed. Recommendations b) to j) agreed.") == [nil])
        #expect(Self.labels("· Option B, to increase fees;\n· Option C, to amend stays.") == [nil])
    }

    @Test func listsRunTogetherOnOneLineSplit() {
        #expect(Self.labels("for approval:a) The budget.b) That there be no increase.c) That rents rise.") == [nil, "a)", "b)", "c)"])
        #expect(Self.labels("That (a) the decision be confirmed;\n(b) charges be introduced;\n(c) a review be held") == [nil, "(a)", "(b)", "(c)"])
    }
}
