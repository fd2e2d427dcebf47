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
            A record already in the store is updated, not duplicated.

            Once an act has been recorded on a decision here, its stage, dates and amendments stand: \
            an import updates only its text and published status (rule A-IMPORT-LIFECYCLE). \
            Importing needs the officer or administrator role (rule P-IMPORT).

            Examples:
              cabinet import decision-details.html
              cabinet import --dry-run exports/*.json
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Flag(name: .long, help: "Report what would change and write nothing.") var dryRun = false
    @Argument(help: "Files to import.") var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file to import") }
    }

    func run() throws {
        var batches: [ImportedRecords] = []
        for file in files {
            let data: Data
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw ImportError(file: file, line: nil, field: nil, message: "cannot read the file (missing or not readable)")
            }
            data = contents
            batches.append(try Importer.parse(data, file: file))
        }
        let session = try Session(storeOptions)
        let summary: ImportSummary
        do {
            summary = try session.desk.importRecords(batches, dryRun: dryRun)
        } catch let refused as UnsupportedImportDate {
            throw ImportError(file: files[refused.batch], field: refused.problem.what,
                              message: "\(refused.problem.date.iso) is outside the dates Cabinet Desk works with (\(CivilDate.supportedRangeText)); nothing was imported")
        }
        print(ImportReport.render(summary, dryRun: dryRun, files: files.count))
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
