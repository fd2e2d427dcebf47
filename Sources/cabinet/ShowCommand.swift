import ArgumentParser
import Foundation
import Decisions
import DecisionStore
import Interchange
import Terminal
import Dashboard
import Desk

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show every field of one decision, its resolutions in order.",
        discussion: """
            Examples:
              cabinet show 12
              cabinet show 12 --format json
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The decision's id (as `cabinet list` shows it).") var id: Int64
    @Option(name: .long, help: "text or json.") var format: OutputFormat = .text

    func validate() throws {
        guard [.text, .json].contains(format) else { throw ValidationError("--format: show writes text or json") }
    }

    func run() throws {
        let session = try Session(storeOptions)
        guard let stored = try session.store.decision(id: id) else { throw StoreError.notFound(id: id) }
        let decision = stored.visible(to: session.actor)
        let rules = try session.store.rules()
        let deadlines = session.deadlines(for: stored, rules: rules)
        switch format {
        case .json:
            let json = try DecisionJSON.encode([decision]) { _ in deadlines }
            // One record: the object itself, not an array of one.
            print(ExportCommand.arrayElements(String(decoding: json, as: UTF8.self)))
        default:
            // The same view of the record as the dashboard's detail screen.
            // The Desk reads the record redacted for this login, audit trail included.
            let desk = try Desk(store: session.store, viewingDate: session.today, calendar: session.calendar)
            guard let content = try desk.record(id: id) else { throw StoreError.notFound(id: id) }
            for line in DetailView.lines(content, width: min(100, TerminalWidth.current()), today: session.today) {
                print(line.text)
            }
            if !content.transitions.isEmpty {
                print("\nYou may: " + content.transitions.map(\.rawValue).joined(separator: ", ") + " (cabinet transition \(id) ACTION)")
            }
        }
    }
}

