import Foundation
import Testing
import Decisions
@testable import DecisionStore

/// What an importer could not place is kept on the record, and withheld with the rest of an
/// exempt decision's text.
@Suite struct ImportNotesStoreTests {
    @Test func notesAreStoredAndReadBackAndAChangeIsAnUpdate() throws {
        let store = try makeStore()
        var d = sampleDecision()
        d.notes = "line 12: A paragraph nobody labelled."
        try store.importRecords([ImportedRecords(decisions: [d])], login: "clerk")
        let id = try #require(try store.page(DecisionFilter(), offset: 0, limit: 1).first?.id)
        #expect(try store.decision(id: id)?.notes == "line 12: A paragraph nobody labelled.")
        d.notes = nil
        let summary = try store.importRecords([ImportedRecords(decisions: [d])], login: "clerk")
        #expect(summary.entries.first?.changedFields == ["notes"])
        #expect(try store.decision(id: id)?.notes == nil)
    }

    @Test func anExemptDecisionsNotesAreWithheld() {
        var d = sampleDecision()
        d.exemptParagraphs = [3]
        d.notes = "line 4: the tender prices"
        #expect(d.withholdingExemptInformation().notes == nil)
    }
}
