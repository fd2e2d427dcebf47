import Foundation
import Testing
@testable import Interchange

/// The importer measured against real pages: the shared development corpus (when this checkout
/// sits beside ../shared) and the held-out pages kept with the tests. `Tests/score-corpus`
/// prints the per-field tables.
@Suite struct CorpusScoreTests {
    static let sharedCorpus = Fixtures.root.deletingLastPathComponent().appendingPathComponent("shared/corpus/moderngov-pages")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedCorpus.path)))
    func sharedCorpusScore() throws {
        let score = try CorpusScore(directory: Self.sharedCorpus)
        print("score corpus: shared development corpus")
        print(score.table)
        if ProcessInfo.processInfo.environment["CORPUS_MISSES"] != nil { score.misses.forEach { print("miss", $0) } }
        #expect(score.pages == 68)
        #expect(score.refused.isEmpty, "no page with a field block is refused")
        #expect(score.share >= 0.97, "share of fields right")
        #expect(score.share("resolution_count") >= 0.9, "resolutions right")
    }

    /// Real pages from councils not in the shared corpus, never developed against.
    @Test func heldOutScore() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/held-out")
        let score = try CorpusScore(directory: directory)
        print("score corpus: held-out pages")
        print(score.table)
        if ProcessInfo.processInfo.environment["CORPUS_MISSES"] != nil { score.misses.forEach { print("miss", $0) } }
        #expect(score.pages == 22)
        #expect(score.refused.isEmpty, "no page with a field block is refused")
    }
}
