import Foundation
import Decisions
import DecisionStore
import Desk
import Interchange

/// Where the shipped reference and demo data (`Data/`) is.
enum DataDirectory {
    /// `$CABINET_DATA`; else `<prefix>/share/cabinet-desk` for a binary installed as
    /// `<prefix>/bin/cabinet` (scripts/install); else the `Data` folder of the package the
    /// binary was built in.
    static func locate() -> URL? {
        let fm = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["CABINET_DATA"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        var candidates: [URL] = []
        let binDirectory = executable.deletingLastPathComponent()
        candidates.append(binDirectory.deletingLastPathComponent().appendingPathComponent("share/cabinet-desk"))
        // .build/<config>/cabinet → walk up to the package root.
        var dir = binDirectory
        for _ in 0..<5 { candidates.append(dir.appendingPathComponent("Data")); dir.deleteLastPathComponent() }
        // Sources/cabinet/FirstRun.swift → package root.
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Data"))
        return candidates.first { fm.fileExists(atPath: $0.appendingPathComponent("demo-register.json").path) }
    }

    /// The running binary, symlinks resolved (a `~/bin/cabinet` link still finds its prefix);
    /// /proc names it even when started through PATH, where argv[0] is just `cabinet`.
    static var executable: URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    }

    /// Said on stderr whenever the shipped data is looked for and not found, since what is
    /// used instead (computed bank holidays, an empty register) differs from what was shipped.
    static func reportMissing(_ what: String, instead: String) {
        FileHandle.standardError.write(Data("cabinet: \(what) not found (no Data/ beside the binary or its prefix's share/cabinet-desk; set CABINET_DATA); \(instead).\n".utf8))
    }
}

/// The first run on a machine: fill the new default store with the demo register.
enum FirstRun {
    /// The day the demo register is written around (README: CABINET_TODAY=2026-11-23).
    static let demoToday = CivilDate(year: 2026, month: 11, day: 23)!
    static func seed(_ desk: Desk) throws {
        guard let data = DataDirectory.locate() else {
            FileHandle.standardError.write(Data("Created an empty store at \(desk.location) (demo data not found; set CABINET_DATA).\n".utf8))
            return
        }
        var batches: [ImportedRecords] = []
        let seeds = data.appendingPathComponent("seeds")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: seeds.path).sorted()) ?? []
        for file in files where file.hasSuffix(".txt") {
            let url = seeds.appendingPathComponent(file)
            // A seed that does not parse is skipped: the demo must not stop the first run.
            if let contents = FileManager.default.contents(atPath: url.path),
               let records = try? Importer.parse(contents, file: "Data/seeds/" + file) {
                batches.append(records)
            }
        }
        let demo = data.appendingPathComponent("demo-register.json")
        if let contents = FileManager.default.contents(atPath: demo.path) {
            // Every demo decision taken at a meeting is on its agenda, and the next meetings exist.
            let decisions = try DecisionJSON.decode(contents, file: demo.path)
            let (meetings, _) = MeetingAssembly.meetings(citedBy: decisions)
            let upcoming = MeetingAssembly.nextMeetings(after: demoToday, following: meetings, calendar: desk.calendar)
            // The decisions first, in the file's order (their numbers are the ones the README quotes), then their meetings.
            batches.append(ImportedRecords(decisions: decisions))
            batches.append(ImportedRecords(meetings: meetings + upcoming))
        }
        // The login creating a store is its administrator: this is that person's first import.
        let summary = try desk.importRecords(batches)
        FileHandle.standardError.write(Data("""
            Created a new store at \(desk.location) with the demo register (\(summary.count(.created)) decisions).
            Use --store PATH or CABINET_STORE to work on another.\n
            """.utf8))
    }
}
