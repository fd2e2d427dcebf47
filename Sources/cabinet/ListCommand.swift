import ArgumentParser
import Foundation
import Decisions
import DecisionStore
import Desk
import Interchange
import Terminal

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List decisions in the register, newest first.",
        discussion: """
            Filters compose. The table fits the terminal; JSON and CSV are for scripts.

            Examples:
              cabinet list --key --stage published
              cabinet list --search "special educational needs" --limit 10
              cabinet list --maker "Cabinet Member" --from 2026-04-01 --format json
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var filterOptions: FilterOptions
    @Option(name: .long, help: "How many decisions to show at most.") var limit: Int = 50
    @Option(name: .long, help: "table, json or csv.") var format: ListFormat = .table

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let session = try Session(storeOptions)
        let desk = session.desk
        let filter = try filterOptions.filter()
        switch format {
        case .table:
            let summaries = try desk.page(filter, offset: 0, limit: limit)
            let total = try desk.count(filter)
            print(RegisterTable.render(summaries, width: TerminalWidth.current()), terminator: "")
            let shown = summaries.count < total ? "\(summaries.count) of \(total)" : "\(total)"
            print("\(shown) decision\(total == 1 ? "" : "s")\(filter.summary.isEmpty ? "" : " (\(filter.summary))")")
        case .json, .csv:
            // Scripts get whole records.
            let rules = try desk.rules()
            let full = try desk.page(filter, offset: 0, limit: limit, withTexts: true)
            let output = format == .json
                ? String(decoding: try DecisionJSON.encode(full) { session.deadlines(for: $0, rules: rules) }, as: UTF8.self) + "\n"
                : DecisionCSV.encode(full)
            FileHandle.standardOutput.write(Data(output.utf8))
        }
    }
}

/// The register as a table that fits `width` columns.
enum RegisterTable {
    static func flags(_ d: Decision) -> String {
        (d.isKeyDecision ? "K" : "·") + (d.isUrgent ? "U" : "·") + (d.isSubjectToCallIn ? "C" : "·") + (d.isExempt ? "E" : "·")
    }

    static func render(_ decisions: [Decision], width: Int) -> String {
        let idWidth = max(2, decisions.map { String($0.id ?? 0).count }.max() ?? 2)
        let fixed = idWidth + 1 + 10 + 1 + 4 + 1 + 11 + 1
        let flexible = max(20, width - fixed - 1)
        let makerWidth = min(28, flexible / 3)
        let titleWidth = flexible - makerWidth - 1
        func line(_ id: String, _ date: String, _ flags: String, _ stage: String, _ maker: String, _ title: String) -> String {
            [pad(id, toWidth: idWidth), pad(date, toWidth: 10), pad(flags, toWidth: 4), pad(stage, toWidth: 11),
             pad(truncate(sanitizeForTerminal(maker), toWidth: makerWidth), toWidth: makerWidth),
             truncate(sanitizeForTerminal(title), toWidth: titleWidth)].joined(separator: " ")
        }
        var out = line("ID", "DATE", "KUCE", "STAGE", "MAKER", "TITLE") + "\n"
        for d in decisions {
            out += line(String(d.id ?? 0), d.registerDate?.iso ?? "—", flags(d), d.stage.label, d.decisionMaker, d.title) + "\n"
        }
        return out
    }
}

enum TerminalWidth {
    /// The width of the terminal on stdout, else $COLUMNS, else 100.
    static func current() -> Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return 100
    }
}
