import Foundation
import Testing

/// What a tig or git user expects of a command line: --version, a typing slip answered with the
/// nearest command, the shared options on every command, and --format offering only what it writes.
@Suite struct CommandLineConventionTests {
    /// Every leaf command as `cabinet --experimental-dump-help` describes it, with its option names.
    func leafCommands() throws -> [(path: String, options: Set<String>)] {
        let dump = try CabinetProcess.run(["--experimental-dump-help"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var leaves: [(String, Set<String>)] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            let subcommands = command["subcommands"] as? [[String: Any]] ?? []
            if subcommands.isEmpty {
                let arguments = command["arguments"] as? [[String: Any]] ?? []
                let names = arguments.flatMap { ($0["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String } }
                leaves.append((path.joined(separator: " "), Set(names)))
            }
            for sub in subcommands { walk(sub, path + [sub["commandName"] as? String ?? "?"]) }
        }
        walk(try #require(root["command"] as? [String: Any]), ["cabinet"])
        return leaves
    }

    @Test func versionComesFromOneConstantAndIsInTheHelp() throws {
        let version = try CabinetProcess.run(["--version"])
        #expect(version.status == 0, "\(version.stderr)")
        let number = version.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(number.split(separator: ".").count == 3 && number.split(separator: ".").allSatisfy { Int($0) != nil }, "\(number)")
        let help = try CabinetProcess.run(["--help"])
        #expect(help.stdout.contains("Cabinet Desk \(number)"), "\(help.stdout)")
        #expect(help.stdout.contains("--version"))
    }

    @Test func anUnknownCommandListsTheCommandsAndSuggestsTheNearest() throws {
        let dir = CabinetProcess.scratch()
        let store = dir.appendingPathComponent("s.sqlite").path
        let slip = try CabinetProcess.run(["lsit"], store: store)
        #expect(slip.status != 0)
        #expect(slip.stderr.contains("\"lsit\" is not a command"), "\(slip.stderr)")
        #expect(slip.stderr.contains("Did you mean `cabinet list`?"))
        #expect(!slip.stderr.contains("cabinet tui"), "not the dashboard's usage: \(slip.stderr)")
        let commands = try leafCommands().map { $0.path.split(separator: " ").dropFirst().first.map(String.init) ?? "" }
        for command in Set(commands) where command != "help" {
            #expect(slip.stderr.contains("\n  \(command) "), "lists \(command)")
        }
        #expect(!FileManager.default.fileExists(atPath: store), "a refused command creates no store")

        #expect(try CabinetProcess.run(["transiton", "34", "publish"]).stderr.contains("Did you mean `cabinet transition`?"))
        let nowhere = try CabinetProcess.run(["xyzzy"])
        #expect(nowhere.status != 0)
        #expect(nowhere.stderr.contains("\"xyzzy\" is not a command"))
        #expect(!nowhere.stderr.contains("Did you mean"), "nothing is near enough: \(nowhere.stderr)")

        // The dashboard's own options are still options, not commands.
        let dashboard = try CabinetProcess.run(["--today", "2026-11-23"], store: store)
        #expect(dashboard.stderr.contains("the dashboard needs a terminal"), "\(dashboard.stderr)")
    }

    @Test func everyCommandTakesStoreAndToday() throws {
        let leaves = try leafCommands().filter { $0.path != "cabinet help" }
        #expect(leaves.count > 30, "\(leaves.map(\.path))")
        for leaf in leaves {
            #expect(leaf.options.isSuperset(of: ["store", "today"]), "\(leaf.path) lacks --store or --today")
        }
    }

    @Test func calendarTakesStoreAndTodayAndCountsFromToday() throws {
        let store = CabinetProcess.scratch().appendingPathComponent("s.sqlite").path
        let fromToday = try CabinetProcess.run(["calendar", "--add-working-days", "5", "--today", "2026-12-23"], store: store)
        #expect(fromToday.status == 0, "\(fromToday.stderr)")
        let explicit = try CabinetProcess.run(["calendar", "--add-working-days", "5", "--from", "2026-12-23"], store: store)
        #expect(fromToday.stdout == explicit.stdout)
        #expect(explicit.stdout.contains("2026-12-23 is Mon 2027-01-04"), "Christmas, Boxing Day's substitute and New Year skipped: \(explicit.stdout)")
        let thisYear = try CabinetProcess.run(["calendar", "--today", "2027-02-01", "--format", "json"], store: store)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(thisYear.stdout.utf8)) as? [String: Any])
        #expect(object["year"] as? Int == 2027)
        #expect(object["source"] as? String == "gov.uk")
        #expect(!FileManager.default.fileExists(atPath: store), "the calendar reads no register, so makes none")
        #expect(try CabinetProcess.run(["calendar", "--format", "csv"]).status != 0)
    }

    @Test func formatOffersOnlyWhatTheCommandWrites() throws {
        let store = CabinetProcess.scratch().appendingPathComponent("s.sqlite").path
        try CabinetProcess.run(["demo", "--count", "30", "--today", "2026-11-23"], store: store)
        for command in [["due"], ["history", "1"], ["actions"], ["actions", "list"]] {
            for refused in ["csv", "ics"] {
                let result = try CabinetProcess.run(command + ["--format", refused], store: store)
                #expect(result.status != 0, "\(command) --format \(refused) is refused")
                #expect(result.stdout.isEmpty, "and prints no table: \(result.stdout)")
                #expect(result.stderr.contains("'\(refused)' is invalid for '--format"), "\(result.stderr)")
                #expect(result.stderr.contains("'table' and 'json'"), "naming what it writes: \(result.stderr)")
            }
            let json = try CabinetProcess.run(command + ["--format", "json"], store: store)
            #expect(json.status == 0, "\(command): \(json.stderr)")
            #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) is [Any], "\(command) writes a JSON array")
        }
        // The commands that write more than a table: each refuses the rest, naming its own.
        for (command, refused, offered) in [(["list"], "ics", "'table', 'json' or 'csv'"), (["show", "1"], "csv", "'text' and 'json'"),
                                            (["export"], "table", "'json', 'csv' or 'ics'")] {
            let result = try CabinetProcess.run(command + ["--format", refused], store: store)
            #expect(result.status != 0 && result.stdout.isEmpty, "\(command) --format \(refused)")
            #expect(result.stderr.contains(offered), "\(command): \(result.stderr)")
            let help = try CabinetProcess.run(command.prefix(1) + ["--help"]).stdout
            #expect(!help.contains(refused + ";") && !help.contains(refused + ","), "help offers no \(refused): \(help)")
        }
    }

    @Test func exportHonoursSort() throws {
        let store = CabinetProcess.scratch().appendingPathComponent("s.sqlite").path
        try CabinetProcess.run(["demo", "--count", "60", "--today", "2026-11-23"], store: store)
        func exported(_ extra: [String]) throws -> [[String: Any]] {
            let result = try CabinetProcess.run(["export", "--format", "json"] + extra, store: store)
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        }
        func dates(_ records: [[String: Any]]) -> [String] { records.compactMap { $0["decision_date"] as? String } }
        let byDefault = dates(try exported([]))
        let newest = dates(try exported(["--sort", "newest"]))
        let oldest = dates(try exported(["--sort", "oldest"]))
        #expect(byDefault.count > 40)
        #expect(newest == newest.sorted(by: >), "newest first")
        #expect(oldest == oldest.sorted(), "oldest first")
        #expect(byDefault == oldest, "an export is oldest first unless told")
        #expect(newest != oldest)
        let titles = try exported(["--sort", "title"]).compactMap { $0["title"] as? String }
        #expect(titles == titles.sorted { $0.localizedCaseInsensitiveCompare($1) != .orderedDescending }, "\(titles.prefix(5))")
        #expect(try CabinetProcess.run(["export", "--sort", "sideways"], store: store).stderr.contains("--sort: unknown order"))
    }
}

/// Shipped data that cannot be found is said, never silently replaced.
@Suite struct MissingDataTests {
    @Test func missingBankHolidayDatesAreSaidOnStderr() throws {
        let empty = CabinetProcess.scratch()
        let computed = try CabinetProcess.run(["calendar", "--year", "2026"], environment: ["CABINET_DATA": empty.path])
        #expect(computed.status == 0)
        #expect(computed.stdout.contains("(computed from the rules)"), "\(computed.stdout)")
        #expect(computed.stderr.contains("official bank holiday dates (bank-holidays-england-and-wales.txt) not found"), "\(computed.stderr)")
        let official = try CabinetProcess.run(["calendar", "--year", "2026"])
        #expect(official.stdout.contains("(published by GOV.UK)"))
        #expect(official.stderr.isEmpty, "\(official.stderr)")
    }
}
