import Foundation
import Testing

/// The install as a new user does it: a clean clone, `scripts/install PREFIX` (the release build,
/// so slow: set CABINET_INSTALL_TEST=1), then the source tree moved away and the installed
/// binary run from the PATH.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["CABINET_INSTALL_TEST"] == "1",
                             "a release build from a clean clone: set CABINET_INSTALL_TEST=1"))
struct InstallTests {
    func shell(_ command: String, in directory: URL, environment extra: [String: String] = [:]) throws -> CabinetProcess.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in extra { environment[key] = value }
        return try CabinetProcess.execute(process, environment: environment)
    }

    @Test func aCleanCloneInstallsIntoAPrefixAndRunsWithTheSourceMovedAway() throws {
        let work = CabinetProcess.scratch()
        let prefix = work.appendingPathComponent("prefix")
        let home = work.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let clone = try shell("git clone --quiet \(TmuxSession.quote(CabinetProcess.packageRoot.path)) src", in: work)
        #expect(clone.status == 0, "\(clone.stderr)")
        let installed = try shell("scripts/install \(TmuxSession.quote(prefix.path))", in: work.appendingPathComponent("src"),
                                  environment: ["HOME": home.path, "PATH": "/usr/bin:/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "")])
        try #require(installed.status == 0, "\(installed.stdout)\n\(installed.stderr)")
        #expect(installed.stdout.contains("is not on your PATH"), "says how to put it on the PATH: \(installed.stdout)")
        try FileManager.default.moveItem(at: work.appendingPathComponent("src"), to: work.appendingPathComponent("moved-away"))

        // Run as `cabinet` from the PATH, as a person would, with a fresh home.
        let environment = ["PATH": prefix.path + "/bin:/usr/bin:/bin", "HOME": home.path, "XDG_DATA_HOME": home.path + "/data",
                           "XDG_CONFIG_HOME": home.path + "/config", "CABINET_TODAY": "2026-11-23", "LANG": "C.UTF-8",
                           "TZ": "Europe/London", "CABINET_DATA": "", "CABINET_STORE": ""]
        let version = try shell("cabinet --version", in: home, environment: environment)
        #expect(version.status == 0 && !version.stdout.isEmpty, "\(version.stderr)")

        let calendar = try shell("cabinet calendar --year 2026 --format json", in: home, environment: environment)
        #expect(calendar.status == 0, "\(calendar.stderr)")
        #expect(calendar.stdout.contains("\"source\" : \"gov.uk\""), "the official dates: \(calendar.stdout)")
        #expect(calendar.stderr.isEmpty, "nothing missing: \(calendar.stderr)")

        let first = try shell("cabinet list --format json --limit 1000", in: home, environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("with the demo register"), "\(first.stderr)")
        let records = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [Any]
        #expect((records?.count ?? 0) >= 240, "the demo register's decisions")

        let plan = try shell("cabinet publish forward-plan --from 2026-11-23 --preview --format text", in: home, environment: environment)
        #expect(plan.status == 0, "the shipped templates: \(plan.stderr)")

        let manual = try shell("MANPAGER=cat MANWIDTH=80 man -l \(TmuxSession.quote(prefix.path + "/share/man/man1/cabinet.1"))",
                               in: home, environment: environment)
        #expect(manual.status == 0, "\(manual.stderr)")
        #expect(!manual.stderr.contains("warning"), "the page is well-formed mdoc: \(manual.stderr)")
        #expect(manual.stdout.contains("SYNOPSIS") && manual.stdout.contains("calendar") && manual.stdout.contains("--version"),
                "\(manual.stdout.prefix(400))")

        for (file, mark) in [("bash-completion/completions/cabinet", "complete"), ("zsh/site-functions/_cabinet", "#compdef cabinet"),
                             ("fish/vendor_completions.d/cabinet.fish", "complete -c 'cabinet'")] {
            let text = (try? String(contentsOfFile: prefix.path + "/share/" + file, encoding: .utf8)) ?? ""
            #expect(text.contains(mark), "\(file) is a completion script")
        }
    }
}
