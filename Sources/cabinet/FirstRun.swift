import Foundation
import Decisions
import DecisionStore
import Desk
import Interchange

/// Where the shipped reference and demo data (`Data/`) is.
enum DataDirectory {
    /// `$CABINET_DATA`, else the `Data` folder beside the package the binary was built in.
    static func locate() -> URL? {
        let fm = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["CABINET_DATA"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        var candidates: [URL] = []
        // .build/<config>/cabinet → walk up to the package root.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 { candidates.append(dir.appendingPathComponent("Data")); dir.deleteLastPathComponent() }
        // Sources/cabinet/FirstRun.swift → package root.
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Data"))
        return candidates.first { fm.fileExists(atPath: $0.appendingPathComponent("demo-register.json").path) }
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
