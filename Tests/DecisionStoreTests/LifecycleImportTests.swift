import Foundation
import Testing
import Decisions
@testable import DecisionStore

/// Rule A-IMPORT-LIFECYCLE: the workflow stage is the only truth about where a decision stands.
@Suite struct LifecycleImportTests {
    let officer = Actor(login: "clerk", role: .officer)
    let today = CivilDate(iso: "2026-11-23")!

    /// A publisher's page: published 2026-11-20, effective 2026-11-28, subject to call-in.
    func page() -> Decision {
        var d = sampleDecision(date: "2026-11-19")
        d.reference = "MG-1234"
        d.status = "Recommendations Approved (subject to call-in)"
        d.stage = .published
        d.publicationDate = CivilDate(iso: "2026-11-20")
        d.effectiveFrom = CivilDate(iso: "2026-11-28")
        return d
    }

    @Test func reimportAfterACallInNeitherRevertsNorErasesIt() throws {
        let store = try makeStore()
        try store.importRecords([ImportedRecords(decisions: [page()])], login: "clerk")
        let id = try #require(try store.page(DecisionFilter(), offset: 0, limit: 1).first?.id)
        let request = TransitionRequest(kind: .callIn, actor: officer, today: today, reason: "Consultation inadequate",
                                        members: ["Cllr A", "Cllr B", "Cllr C"])
        guard case .success = try store.transition(id: id, request) else { Issue.record("call-in refused"); return }
        let calledIn = try #require(try store.decision(id: id))

        let summary = try store.importRecords([ImportedRecords(decisions: [page()])], login: "clerk")
        let after = try #require(try store.decision(id: id))
        #expect(after.stage == .calledIn, "the page's 'published' does not undo the call-in")
        #expect(after.effectiveFrom == nil, "the page's effective date does not come back while the call-in stands")
        #expect(after.procedure.calledInDate == calledIn.procedure.calledInDate)
        #expect(after.procedure.callInMembers == ["Cllr A", "Cllr B", "Cllr C"])
        #expect(after.status == "Recommendations Approved (subject to call-in)", "the published status is kept as published")
        #expect(summary.count(.unchanged) == 1, "nothing changed: \(summary.entries)")
    }

    @Test func importingTheSameFileTwiceChangesNothing() throws {
        let store = try makeStore()
        try store.importRecords([ImportedRecords(decisions: [page()])], login: "clerk")
        let token = try store.changeToken()
        let second = try store.importRecords([ImportedRecords(decisions: [page()])], login: "clerk")
        #expect(second.count(.unchanged) == 1 && second.count(.updated) == 0)
        #expect(try store.changeToken() == token, "no audit entry, no write")
    }

    @Test func aPageMovesAnUntouchedRecordForwardNeverBack() throws {
        let store = try makeStore()
        var proposed = page()
        proposed.status = "For Determination"
        proposed.stage = .proposed
        try store.importRecords([ImportedRecords(decisions: [proposed])], login: "clerk")
        try store.importRecords([ImportedRecords(decisions: [page()])], login: "clerk")
        let id = try #require(try store.page(DecisionFilter(), offset: 0, limit: 1).first?.id)
        #expect(try store.decision(id: id)?.stage == .published, "a later page moves it forward")
        try store.importRecords([ImportedRecords(decisions: [proposed])], login: "clerk")
        let back = try #require(try store.decision(id: id))
        #expect(back.stage == .published, "an older page does not move it back")
        #expect(back.status == "For Determination", "but its published status is kept as published")
    }

    @Test func amendmentsRecordedHereSurviveTheNextImport() throws {
        let store = try makeStore()
        var proposed = page()
        proposed.stage = .proposed
        proposed.status = "For Determination"
        proposed.publicationDate = nil
        proposed.effectiveFrom = nil
        proposed.decisionDate = nil
        try store.importRecords([ImportedRecords(decisions: [proposed])], login: "clerk")
        let id = try #require(try store.page(DecisionFilter(), offset: 0, limit: 1).first?.id)
        let amend = TransitionRequest(kind: .approveWithAmendments, actor: Actor(login: "admin", role: .admin), today: today,
                                      amendments: "Subject to a review in six months")
        guard case .success = try store.transition(id: id, amend) else { Issue.record("amendment refused"); return }
        try store.importRecords([ImportedRecords(decisions: [proposed])], login: "clerk")
        let after = try #require(try store.decision(id: id))
        #expect(after.stage == .decided && after.decisionDate == today)
        #expect(after.resolutions.contains { $0.text == "Subject to a review in six months" })
    }
}
