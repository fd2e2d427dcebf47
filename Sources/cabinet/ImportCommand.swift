import ArgumentParser
import Foundation
import Decisions
import DecisionStore
import Desk
import Interchange
import TextSafety

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import ModernGov pages (text or HTML), ModernGov meeting XML, or Cabinet Desk JSON.",
        discussion: """
            The format of each file is detected from its content. All files are read before
            anything is written, and the whole command is one transaction: if any file is
            malformed, the error names the file and the line or field, and the store is unchanged.
            With --keep-going each file is its own transaction: the good ones are imported and the
            refused ones listed with their reasons (the exit status is then 1).
            A record already in the store is updated, not duplicated.

            Once an act has been recorded on a decision here, its stage, dates and amendments stand: \
            an import updates only its text and published status (rule A-IMPORT-LIFECYCLE). \
            Importing needs the officer or administrator role (rule P-IMPORT).

            --bulk loads large Cabinet Desk JSON files (an export, a national dataset): the files
            are read as they are written rather than whole, every record must be new to the
            register, and the history is one audit entry per file instead of one per record (no
            follow-up actions are proposed). It is still one transaction: all of it or none.

            Examples:
              cabinet import decision-details.html
              cabinet import --dry-run exports/*.json
              cabinet import --explain page.txt        # where each field came from; writes nothing
              cabinet import --keep-going pages/*.txt  # each file its own transaction; lists the refused
              cabinet import getmeetings.xml getmeeting-4967.xml   # the meeting's committee from GetMeetings
              cabinet import getmeeting-4967.xml --committee "Audit Committee"
              cabinet import --bulk national-2006-2026.json   # millions of new records, one audit entry
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Flag(name: .long, help: "Report what would change and write nothing.") var dryRun = false
    @Flag(name: .long, help: "Print each field with the line it came from, and what was not understood; write nothing.")
    var explain = false
    @Flag(name: .long, help: "Import every good file, each in its own transaction, and list the refused ones with their reasons.")
    var keepGoing = false
    @Flag(name: .long, help: "Add many new records from Cabinet Desk JSON, streamed, with one audit entry per file.")
    var bulk = false
    @Option(name: .long, help: ArgumentHelp("The committee of a GetMeeting XML response imported without its GetMeetings or GetCommittees response.", valueName: "name"))
    var committee: String?
    @Argument(help: "Files to import.") var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file to import") }
        if bulk && (keepGoing || explain || committee != nil) {
            throw ValidationError("--bulk is one transaction of Cabinet Desk JSON: it cannot be combined with --keep-going, --explain or --committee")
        }
    }

    func run() throws {
        if keepGoing { return try importEachFile() }
        if bulk { return try importInBulk() }
        let readings = try Importer.readings(try files.map { ($0, try Importer.contents(ofFile: $0)) }, committee: committee)
        if explain {
            print(readings.map(ImportExplanation.render).joined(separator: "\n\n"))
            return
        }
        let session = try Session(storeOptions)
        let summary: ImportSummary
        do {
            let records = readings.map(\.records)
            let progress = ProgressLine("Importing", total: records.reduce(0) { $0 + $1.meetings.count + $1.decisions.count })
            defer { progress.finish() }
            summary = try session.desk.importRecords(records, dryRun: dryRun) { done, _ in progress.update(done) }
            progress.finish()
        } catch let refused as UnsupportedImportDate {
            throw ImportError(file: files[refused.batch], field: refused.problem.what,
                              message: "\(refused.problem.date.iso) is outside the dates Cabinet Desk works with (\(CivilDate.supportedRangeText)); nothing was imported")
        }
        print(ImportReport.render(summary, dryRun: dryRun, files: files.count))
    }

    /// `--bulk`: streamed, in one transaction, one audit entry per file.
    func importInBulk() throws {
        for file in files {
            let format = try Importer.detectFormat(try Importer.head(ofFile: file), file: file)
            guard format == .cabinetJSON else {
                throw ImportError(file: file, message: "--bulk reads Cabinet Desk JSON only; this is \(format.rawValue): import it without --bulk")
            }
        }
        let session = try Session(storeOptions)
        let reader = StreamedDecisions(files: files)
        defer { reader.cancel() }
        let progress = ProgressLine(dryRun ? "Checking" : "Importing", total: nil)
        defer { progress.finish() }
        let started = Date()
        var read = 0
        let total: Int
        do {
            total = try session.desk.bulkImport(dryRun: dryRun, { _ in
                guard let batch = try reader.next() else { return nil }
                read += batch.count
                progress.update(read)
                return batch
            }, audit: { _ in
                zip(files, reader.recordsPerFile).map { BulkLoadEntry(reason: "bulk import of \($0.0)", count: $0.1) }
            })
        } catch let refusal as BulkImportRefusal {
            let place = reader.locate(ordinal: refusal.ordinal)
            throw ImportError(file: place?.file ?? files[0], field: place?.element, message: refusal.message)
        }
        progress.finish()
        let seconds = Date().timeIntervalSince(started)
        let rate = seconds > 0 ? Int(Double(total) / seconds) : total
        print((dryRun ? "Dry run, nothing written: would add " : "Added ") + "\(total) decisions from \(files.count) file\(files.count == 1 ? "" : "s")"
              + " in \(String(format: "%.1f", seconds)) s (\(rate) a second)" + (dryRun ? "" : "; one audit entry per file"))
    }

    /// `--keep-going`: one transaction a file, so a refused file leaves the others imported.
    func importEachFile() throws {
        let session = try Session(storeOptions)
        var refused: [String] = []
        var imported = 0
        var committees = CommitteeDirectory(fallback: committee)
        for file in files { if let data = try? Importer.contents(ofFile: file) { committees.learn(from: data) } }
        for file in files {
            do {
                let records = try Importer.reading(Importer.contents(ofFile: file), file: file, committees: committees).records
                let summary = try session.desk.importRecords([records], dryRun: dryRun)
                print(ImportReport.render(summary, dryRun: dryRun, files: 1).replacingOccurrences(of: "1 file:", with: "\(file):"))
                imported += 1
            } catch {
                refused.append("  \(error)")
            }
        }
        print("\(dryRun ? "Would import" : "Imported") \(imported) of \(files.count) files; \(refused.count) refused" + (refused.isEmpty ? "" : ":"))
        refused.forEach { print($0) }
        if !refused.isEmpty { throw ExitCode(1) }
    }
}

/// `cabinet import --explain`: each field with the label and line it came from, and the text
/// the importer could not place.
enum ImportExplanation {
    static func render(_ reading: ImportReading) -> String {
        var lines = ["\(reading.file): \(reading.format.rawValue)"]
        let records = reading.records
        lines.append("  records: \(records.decisions.count) decisions, \(records.meetings.count) meetings, \(records.measures.count) measures")
        for field in reading.fields {
            let place = field.line.map { "line \($0)" } ?? "-"
            let value = field.value.replacingOccurrences(of: "\n", with: " ⏎ ")
            lines.append("  \(place.padding(toLength: 9, withPad: " ", startingAt: 0)) \(field.field) ← \(field.label): \(value.count > 100 ? value.prefix(99) + "…" : value)")
        }
        for decision in records.decisions {
            let labelled = decision.resolutions.compactMap(\.label)
            lines.append("  resolutions: \(decision.resolutions.count)" + (labelled.isEmpty ? "" : " (\(labelled.joined(separator: " ")))")
                + "; stage \(decision.stage.label) from status \"\(decision.status)\"")
        }
        if reading.unplaced.isEmpty {
            lines.append("  not understood: nothing")
        } else {
            lines.append("  not understood (kept in the record's notes):")
            for block in reading.unplaced { lines.append("    line \(block.line): \(block.text)") }
        }
        return lines.joined(separator: "\n")
    }
}

enum ImportReport {
    static func render(_ summary: ImportSummary, dryRun: Bool, files: Int) -> String {
        var lines: [String] = []
        // Record by record for a handful; a large import gets its summary line only.
        let changed = summary.entries.filter { $0.outcome != .unchanged }
        for entry in changed.count <= 50 ? changed : [] {
            let what = entry.kind == "measure" ? (dryRun ? "would record" : "recorded")
                : entry.outcome == .created ? (dryRun ? "would create" : "created") : (dryRun ? "would update" : "updated")
            let fields = entry.changedFields.isEmpty ? "" : " (\(entry.changedFields.joined(separator: ", ")))"
            let id = entry.id.map { " \($0)" } ?? ""
            lines.append(sanitizeForTerminal("  \(what) \(entry.kind)\(dryRun && entry.outcome == .created ? "" : id): \(entry.title)\(fields)"))
        }
        let decisions = "\(summary.count(.created)) created, \(summary.count(.updated)) updated, \(summary.count(.unchanged)) unchanged"
        let meetings = summary.count(.created, kind: "meeting") + summary.count(.updated, kind: "meeting")
        let head = (dryRun ? "Dry run, nothing written: " : "Imported ") + "\(files) file\(files == 1 ? "" : "s"): decisions \(decisions)"
            + (meetings > 0 ? "; \(meetings) meeting\(meetings == 1 ? "" : "s")" : "")
        return ([head] + lines).joined(separator: "\n")
    }
}
