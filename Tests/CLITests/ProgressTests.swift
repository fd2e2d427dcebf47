import Foundation
import Testing

/// Long work shows its progress on a terminal, and stays quiet in a script.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct ProgressTests {
    @Test func generatingARegisterShowsABarOnATerminalAndNothingInAPipe() throws {
        let dir = CabinetProcess.scratch()
        let store = dir.appendingPathComponent("big.sqlite").path
        let tui = try TmuxSession(command: [CabinetProcess.binary.path, "demo", "--count", "60000", "--store", store],
                                  width: 100, height: 10, environment: ["LANG": "C.UTF-8", "TERM": "xterm-256color"])
        defer { tui.kill() }
        let during = try tui.waitFor("Generating [", timeout: 30)
        #expect(during.contains("/60,000") && during.contains("/s"), "counts and rate:\n\(during)")
        let after = try tui.waitFor("[exited 0]", timeout: 120)
        #expect(after.contains("Wrote 60000 decisions") && !after.contains("Generating ["), "the bar gives way to the report:\n\(after)")

        let piped = try CabinetProcess.run(["demo", "--count", "2000", "--store", dir.appendingPathComponent("small.sqlite").path])
        #expect(piped.status == 0 && !piped.stderr.contains("Generating"), "no bar in a pipe: \(piped.stderr)")
    }

    @Test func aLargeImportShowsItsProgress() throws {
        let dir = CabinetProcess.scratch()
        let json = dir.appendingPathComponent("many.json").path
        #expect(try CabinetProcess.run(["demo", "--count", "8000", "--output", json]).status == 0)
        let store = dir.appendingPathComponent("r.sqlite").path
        let tui = try TmuxSession(command: [CabinetProcess.binary.path, "import", json, "--store", store],
                                  width: 100, height: 10, environment: ["LANG": "C.UTF-8", "TERM": "xterm-256color"])
        defer { tui.kill() }
        let during = try tui.waitFor("Importing [", timeout: 60)
        #expect(during.contains("/8,000"), "\(during)")
        let after = try tui.waitFor("[exited 0]", timeout: 120)
        #expect(after.contains("8000 created") || after.contains("8,000") || after.contains("Imported"), "\(after)")
        #expect(!after.contains("Importing ["))
    }
}
