import ArgumentParser
import Foundation
import Decisions
import DecisionStore
import Desk
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
    @Option(name: .long, help: "text or json.") var format: ShowFormat = .text

    func run() throws {
        let session = try Session(storeOptions)
        guard let record = try session.desk.record(id: id) else {
            if let removed = try session.desk.removedDecision(id: id) {
                throw CommandFailure(message: "decision #\(id) (" + sanitizeForTerminal(removed.title) + ") was removed from the register on "
                    + "\(removed.removedOn) by \(removed.removedBy): " + sanitizeForTerminal(removed.reason) + " (its history: cabinet history \(id))")
            }
            throw StoreError.notFound(id: id)
        }
        let decision = record.decision
        let deadlines = record.deadlines
        switch format {
        case .json:
            let json = try DecisionJSON.encode([decision]) { _ in deadlines }
            // One record: the object itself, not an array of one.
            print(ExportCommand.arrayElements(String(decoding: json, as: UTF8.self)))
        case .text:
            // The same view of the record as the dashboard's detail screen.
            let content = record
            for line in DetailView.lines(content, width: min(100, TerminalWidth.current()), today: session.today) {
                print(line.text)
            }
            if !content.transitions.isEmpty {
                print("\nYou may: " + content.transitions.map(\.rawValue).joined(separator: ", ") + " (cabinet transition \(id) ACTION)")
            }
        }
    }
}

