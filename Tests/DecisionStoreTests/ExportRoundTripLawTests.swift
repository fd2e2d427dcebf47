import Foundation
import Testing
import PropertyBased
import Decisions
import Interchange
@testable import DecisionStore

/// Issue 16, item 8: a JSON export imported into a new store gives the same register.
@Suite struct ExportRoundTripLawTests {
    /// Every decision in the store, in id order, as the export reads them (texts included).
    func register(_ store: DecisionStore) throws -> [Decision] {
        var all: [Decision] = []
        var filter = DecisionFilter()
        filter.sort = .oldest
        try store.forEach(filter) { all += $0 }
        return try store.decisions(ids: all.compactMap(\.id)).sorted { $0.id! < $1.id! }
    }

    @Test func aJSONExportReimportsToTheSameRegister() async throws {
        await propertyCheck(count: 12, input: Gen.int(in: 1...1_000_000), Gen.int(in: 1...40), Gen.int(in: 0...400)) { seed, count, offset in
            let synthetic = SyntheticRegister(seed: UInt64(seed), today: CivilDate(iso: "2026-11-23")!, spanDays: 3650)
            let records = (offset..<offset + count).map(synthetic.decision)
            let original = try makeStore()
            try original.importRecords([ImportedRecords(decisions: records)], login: "admin")
            let exported = try DecisionJSON.encode(try register(original))
            let copy = try makeStore()
            try copy.importRecords([ImportedRecords(decisions: try DecisionJSON.decode(exported, file: "export.json"))], login: "admin")
            let before = try register(original), after = try register(copy)
            #expect(after.count == count)
            #expect(after == before, "seed \(seed), \(count) decisions from \(offset)")
            // And exporting the copy gives the same bytes: nothing drifts on a second trip.
            #expect(try DecisionJSON.encode(after) == exported)
        }
    }
}
