import Foundation
import Testing
import Decisions
@testable import DecisionStore

@Suite struct ImportingTests {
    @Test func createsThenUpdatesInsteadOfDuplicating() throws {
        let store = try makeStore()
        let first = try store.importRecords([ImportedRecords(decisions: [sampleDecision()])], login: "alice")
        #expect(first.count(.created) == 1)
        var changed = sampleDecision()
        changed.reasons = "Best value and social value."
        let second = try store.importRecords([ImportedRecords(decisions: [changed])], login: "alice")
        #expect(second.count(.updated) == 1)
        #expect(second.entries.first?.changedFields == ["reasons"])
        let third = try store.importRecords([ImportedRecords(decisions: [changed])], login: "alice")
        #expect(third.count(.unchanged) == 1)
        #expect(try store.count(DecisionFilter()) == 1)
        let stored = try #require(try store.decision(id: 1))
        #expect(stored.reasons == "Best value and social value.")
        #expect(stored.version == 1)
    }

    @Test func dryRunWritesNothing() throws {
        let store = try makeStore()
        let summary = try store.importRecords([ImportedRecords(decisions: [sampleDecision()])], login: "alice", dryRun: true)
        #expect(summary.count(.created) == 1)
        #expect(try store.count(DecisionFilter()) == 0)
        #expect(try store.verifyAudit() == .intact(entries: 1), "only the first administrator, given the store")
    }

    @Test func storedRecordKeepsEveryField() throws {
        let store = try makeStore()
        var d = sampleDecision(key: true, urgent: true, exempt: [3, 5])
        d.reference = "CAB-2026-17"
        d.keyReason = "Over £500,000"
        d.urgencyReason = "Grant deadline"
        d.wards = ["Abbey", "St Mary’s"]
        d.reportAuthor = "Priya Shah"
        d.publicationDate = CivilDate(iso: "2026-11-03")
        d.effectiveFrom = CivilDate(iso: "2026-11-11")
        d.meeting = MeetingReference(body: "Cabinet", date: CivilDate(iso: "2026-11-02"), item: "7")
        d.decisionText = "Resolved – that the contract be awarded."
        d.interests = "None"
        d.documents = [DocumentLink(title: "Report", url: "https://example.gov.uk/r.pdf")]
        d.source = "decision.html"
        d.procedure.noticeDate = CivilDate(iso: "2026-09-01")
        try store.importRecords([ImportedRecords(decisions: [d])], login: "alice")
        var stored = try #require(try store.decision(id: 1))
        #expect(stored.id == 1)
        stored.id = nil
        #expect(stored == d)
    }

    @Test func meetingsLinkTheirItemsAndDecisions() throws {
        let store = try makeStore()
        let meeting = Meeting(body: "Cabinet", date: CivilDate(iso: "2026-10-14"), items: [
            AgendaItem(number: "5", title: "Apologies", minutes: "None received."),
            AgendaItem(number: "6", title: "SEND update", minutes: "The Cabinet noted the update.",
                       decision: sampleDecision("SEND update", date: "2026-10-14", text: "That the update be noted.")),
        ])
        try store.importRecords([ImportedRecords(meetings: [meeting])], login: "alice")
        let decision = try #require(try store.decision(id: 1))
        #expect(decision.title == "SEND update")
        // The minutes are searchable through the decision they produced.
        #expect(try store.count(DecisionFilter(search: "noted the update")) == 1)
        // Re-import keeps one meeting and one decision.
        try store.importRecords([ImportedRecords(meetings: [meeting])], login: "alice")
        #expect(try store.count(DecisionFilter()) == 1)
    }
}

@Suite struct FilterTests {
    func populated() throws -> DecisionStore {
        let store = try makeStore()
        try store.importRecords([ImportedRecords(decisions: [
            sampleDecision("Library Service Redesign", maker: "Cabinet Member for Communities", date: "2026-01-10", key: true),
            sampleDecision("Fees and Charges", maker: "Cabinet", date: "2026-03-05", urgent: true, callIn: false),
            sampleDecision("Disposal of land at Ravensworth Park", maker: "Director of Place", date: "2026-06-20",
                           exempt: [3], stage: .published, text: "That the land be sold to the preferred bidder."),
            sampleDecision("Bus Service Improvement Plan", maker: "Cabinet", date: "2025-12-01", key: true, stage: .implemented),
        ])], login: "alice")
        return store
    }

    func titles(_ store: DecisionStore, _ filter: DecisionFilter) throws -> [String] {
        try store.page(filter, offset: 0, limit: 50).map(\.title)
    }

    @Test func flagsStageMakerAndDatesCompose() throws {
        let store = try populated()
        #expect(try titles(store, DecisionFilter(keyOnly: true)) == ["Library Service Redesign", "Bus Service Improvement Plan"])
        #expect(try titles(store, DecisionFilter(urgentOnly: true)) == ["Fees and Charges"])
        #expect(try titles(store, DecisionFilter(exemptOnly: true)) == ["Disposal of land at Ravensworth Park"])
        #expect(try titles(store, DecisionFilter(callInOnly: true)).count == 3)
        #expect(try titles(store, DecisionFilter(stage: .implemented)) == ["Bus Service Improvement Plan"])
        #expect(try titles(store, DecisionFilter(maker: "cabinet member")) == ["Library Service Redesign"])
        #expect(try titles(store, DecisionFilter(keyOnly: true, from: CivilDate(iso: "2026-01-01"))) == ["Library Service Redesign"])
        #expect(try titles(store, DecisionFilter(from: CivilDate(iso: "2026-02-01"), to: CivilDate(iso: "2026-06-30")))
                == ["Disposal of land at Ravensworth Park", "Fees and Charges"])
        #expect(try store.count(DecisionFilter(keyOnly: true, urgentOnly: true)) == 0)
    }

    @Test func sortsAndPages() throws {
        let store = try populated()
        #expect(try titles(store, DecisionFilter(sort: .title)).first == "Bus Service Improvement Plan")
        #expect(try titles(store, DecisionFilter(sort: .oldest)).first == "Bus Service Improvement Plan")
        let page2 = try store.page(DecisionFilter(), offset: 2, limit: 2).map(\.title)
        #expect(page2 == ["Library Service Redesign", "Bus Service Improvement Plan"])
        let last = try store.page(DecisionFilter(), offset: 0, limit: 1, fromEnd: true).map(\.title)
        #expect(last == ["Bus Service Improvement Plan"])
    }

    @Test func fullTextSearchMatchesPrefixesAndIgnoresSyntax() throws {
        let store = try populated()
        #expect(try titles(store, DecisionFilter(search: "ravens")) == ["Disposal of land at Ravensworth Park"])
        #expect(try titles(store, DecisionFilter(search: "preferred bidder")) == ["Disposal of land at Ravensworth Park"])
        // FTS syntax and SQL in the search text are just words.
        #expect(try store.count(DecisionFilter(search: "\" OR 1=1; DROP TABLE decision; --")) == 0)
        #expect(try store.count(DecisionFilter(search: "fees (charges")) == 1)
        #expect(try store.count(DecisionFilter()) == 4)
    }

    @Test func exemptTextIsNotSearchableWithoutAccess() throws {
        let store = try populated()
        var filter = DecisionFilter(search: "bidder")
        filter.access = .publicFieldsOnly
        #expect(try store.count(filter) == 0)
        filter.search = "ravensworth"
        #expect(try store.count(filter) == 1, "the title is public")
    }
}

@Suite struct AuditTests {
    @Test func chainIsIntactAndDetectsTampering() throws {
        let store = try makeStore()
        try store.importRecords([ImportedRecords(decisions: [sampleDecision(), sampleDecision("Second")])], login: "alice")
        #expect(try store.verifyAudit() == .intact(entries: 3))
        #expect(try store.history(decisionID: 2).map(\.action) == ["import-create"])
        // The application cannot rewrite history...
        #expect(throws: (any Error).self) {
            try store.pool.write { db in try db.execute(sql: "UPDATE audit SET login = 'mallory' WHERE sequence = 1") }
        }
        // ...and someone who bypasses it is caught.
        try store.pool.write { db in
            try db.execute(sql: "DROP TRIGGER audit_is_append_only_update")
            try db.execute(sql: "UPDATE audit SET login = 'mallory' WHERE sequence = 1")
        }
        guard case .broken(let sequence, _) = try store.verifyAudit() else { Issue.record("tampering not detected"); return }
        #expect(sequence == 1)
    }
}

@Suite struct FaultTests {
    @Test func fullDiskIsAClearErrorAndLosesNothing() throws {
        let store = try makeStore()
        try store.importRecords([ImportedRecords(decisions: [sampleDecision()])], login: "alice")
        // Stand-in for a full disk: the file may not grow by another page.
        try store.pool.write { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
        let many = (0..<500).map { sampleDecision("Decision \($0)", text: String(repeating: "Long resolution text. ", count: 40)) }
        #expect {
            try store.importRecords([ImportedRecords(decisions: many)], login: "alice")
        } throws: { error in
            "\(error)".contains("disk is full")
        }
        #expect(try store.count(DecisionFilter()) == 1)
        #expect(try store.decision(id: 1)?.title == "Award of the Waste Collection Contract")
        #expect(try store.verifyAudit() == .intact(entries: 2))
    }
}

@Suite struct BulkLoadTests {
    func indexCount(_ store: DecisionStore) throws -> Int {
        try store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'decision' AND sql IS NOT NULL") ?? 0
        }
    }

    @Test func loadsThenBuildsEveryIndexAndOneAuditEntry() throws {
        let store = try makeStore()
        let register = SyntheticRegister(seed: 3, today: CivilDate(iso: "2026-11-23")!)
        let written = try store.bulkInsert(login: "t", reason: "test", commitEvery: 300) { batch in
            batch < 4 ? (batch * 250..<(batch + 1) * 250).map(register.decision) : nil
        }
        #expect(written == 1000)
        #expect(try store.count(DecisionFilter()) == 1000)
        #expect(try indexCount(store) == 10)
        #expect(try store.count(DecisionFilter(search: "disposal")) > 0, "searchable")
        #expect(try store.verifyAudit() == .intact(entries: 2))
    }

    @Test func anInterruptedLoadsIndexesAreRebuiltOnOpen() throws {
        let store = try makeStore()
        try store.pool.write { db in try db.execute(sql: "DROP INDEX decision_by_date; DROP INDEX decision_key") }
        #expect(try indexCount(store) == 8)
        let reopened = try DecisionStore(path: store.path)
        #expect(try indexCount(reopened) == 10)
    }
}

@Suite struct MeetingMergeTests {
    @Test func importingOneItemPageKeepsTheMeetingsOtherItems() throws {
        let store = try makeStore()
        let date = CivilDate(iso: "2024-11-26")
        let first = Meeting(body: "Children's Services O&S", date: date, time: "6.00 pm", items: [AgendaItem(number: "35", title: "SEND", minutes: "A")])
        let second = Meeting(body: "Children's Services O&S", date: date, items: [AgendaItem(number: "36", title: "Budget", minutes: "B")])
        try store.importRecords([ImportedRecords(meetings: [first])], login: "o")
        try store.importRecords([ImportedRecords(meetings: [second])], login: "o")
        let (meeting, items) = try #require(try store.meeting(id: 1))
        #expect(items.map(\.number) == ["35", "36"], "the second page adds its item; it does not wipe the first")
        #expect(meeting.time == "6.00 pm", "a page that does not state the time keeps it")
        // Re-importing an item replaces it in place.
        var revised = first
        revised.items[0].minutes = "A, corrected"
        try store.importRecords([ImportedRecords(meetings: [revised])], login: "o")
        let again = try #require(try store.meeting(id: 1)).1
        #expect(again.map(\.minutes) == ["A, corrected", "B"])
    }

    @Test func thePublishersWholeAgendaReplacesItsItems() throws {
        let store = try makeStore()
        var feed = Meeting(reference: "moderngov:9", body: "Cabinet", date: CivilDate(iso: "2026-11-18"),
                           items: [AgendaItem(number: "1", title: "Apologies"), AgendaItem(number: "2", title: "Minutes")])
        try store.importRecords([ImportedRecords(meetings: [feed])], login: "o")
        feed.items = [AgendaItem(number: "1", title: "Apologies"), AgendaItem(number: "3", title: "Budget")]
        try store.importRecords([ImportedRecords(meetings: [feed])], login: "o")
        #expect(try #require(try store.meeting(id: 1)).1.map(\.number) == ["1", "3"])
    }
}
