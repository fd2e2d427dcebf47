import ArgumentParser
import Foundation
import Decisions
import DecisionStore
import Interchange

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export decisions as JSON or CSV, with the same filters as list.",
        discussion: """
            JSON round-trips through `cabinet import`. Without --output the export goes to
            standard output; with it the file is written whole or not at all.

            Examples:
              cabinet export --format json --output register.json
              cabinet export --key --from 2026-04-01 --format csv > key-decisions.csv
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var filterOptions: FilterOptions
    @Option(name: .long, help: "json or csv.") var format: OutputFormat = .json
    @Option(name: .long, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

    func validate() throws {
        guard [.json, .csv].contains(format) else { throw ValidationError("--format: export writes json or csv") }
    }

    func run() throws {
        let session = try Session(storeOptions)
        let store = session.store
        var filter = try filterOptions.filter()
        filter.access = session.actor.mayReadAllExempt ? .full : .publicFieldsOnly
        filter.sort = filter.sort == .newest ? .oldest : filter.sort
        let rules = try store.rules()
        let sink = try OutputSink(path: output)
        do {
            var first = true
            if format == .json { try sink.write("[\n") }
            try store.forEach(filter) { stored in
                let batch = stored.map { $0.visible(to: session.actor) }
                if format == .json {
                    // Each batch is encoded as an array; its elements are spliced into one array.
                    let text = String(decoding: try DecisionJSON.encode(batch) { session.deadlines(for: $0, rules: rules) }, as: UTF8.self)
                    let inner = Self.arrayElements(text)
                    guard !inner.isEmpty else { return }
                    try sink.write((first ? "" : ",\n") + inner)
                } else {
                    let csv = DecisionCSV.encode(batch)
                    try sink.write(first ? csv : String(csv[csv.index(after: csv.firstIndex(of: "\n")!)...]))
                }
                first = false
            }
            if format == .json { try sink.write("\n]\n") }
            try sink.commit()
        } catch {
            sink.abandon()
            throw error
        }
    }

    /// The text between the outer brackets of a JSON array.
    static func arrayElements(_ text: String) -> String {
        guard let open = text.firstIndex(of: "["), let close = text.lastIndex(of: "]"), open < close else { return "" }
        return text[text.index(after: open)..<close].trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Standard output, or a file written to a temporary name and renamed into place on success.
final class OutputSink {
    private let handle: FileHandle
    private let path: String?
    private let temporary: String?

    init(path: String?) throws {
        self.path = path
        guard let path else { handle = .standardOutput; temporary = nil; return }
        let temp = path + ".partial-\(getpid())"
        guard FileManager.default.createFile(atPath: temp, contents: nil) else {
            throw ValidationError("--output: cannot write \(path)")
        }
        temporary = temp
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temp))
    }

    func write(_ text: String) throws { try handle.write(contentsOf: Data(text.utf8)) }

    func commit() throws {
        guard let path, let temporary else { return }
        try handle.close()
        if rename(temporary, path) != 0 {
            throw ValidationError("--output: cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    func abandon() {
        guard let temporary else { return }
        try? handle.close()
        unlink(temporary)
    }
}
