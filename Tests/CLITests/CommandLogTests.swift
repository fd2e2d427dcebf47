import Foundation
import Testing

/// The log IT support reads after a fault: errors and acts, owner-only, under XDG_STATE_HOME.
@Suite struct CommandLogTests {
    @Test func errorsAndActsAreLoggedForItSupport() throws {
        let dir = CabinetProcess.scratch()
        let store = dir.appendingPathComponent("r.sqlite").path
        let state = dir.appendingPathComponent("state").path
        let env = ["XDG_STATE_HOME": state]
        #expect(try CabinetProcess.run(["init"], store: store, environment: env).status == 0)
        let later = AuthoringCommandTests.later
        #expect(try CabinetProcess.run(["new", "--title", "Parks", "--maker", "Cabinet", "--date", later], store: store, environment: env).status == 0)
        #expect(try CabinetProcess.run(["transition", "1", "publish"], store: store, environment: env).status != 0)
        let file = state + "/cabinet-desk/cabinet.log"
        let log = try String(contentsOfFile: file, encoding: .utf8)
        #expect(log.contains("INFO") && log.contains("desk: new decision #1"), "\(log)")
        #expect(log.contains("NOTICE") && log.contains("refused publish #1 (rule R-LIFECYCLE)"), "\(log)")
        #expect(log.contains("ERROR") && log.contains("cabinet transition exited 1"), "\(log)")
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600, "the log is its owner's only")
        // Quiet when asked.
        let quiet = dir.appendingPathComponent("quiet").path
        #expect(try CabinetProcess.run(["transition", "1", "publish"], store: store, environment: ["XDG_STATE_HOME": quiet, "CABINET_LOG": "off"]).status != 0)
        #expect(!FileManager.default.fileExists(atPath: quiet + "/cabinet-desk/cabinet.log"))
    }
}
