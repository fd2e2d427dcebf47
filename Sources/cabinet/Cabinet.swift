import ArgumentParser
import Foundation
import TextSafety
import Logging
import Desk

@main
struct Cabinet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cabinet",
        abstract: "Cabinet Desk: record, review and move executive decisions through the statutory process.",
        discussion: """
            With no subcommand, opens the dashboard. The store is $CABINET_STORE, or
            $XDG_DATA_HOME/cabinet-desk/cabinet.sqlite; --store PATH overrides both.

            Examples:
              cabinet list --key --from 2026-01-01
              cabinet show 42
              cabinet import decision.html agenda.txt
              cabinet export --format csv --output register.csv

            Cabinet Desk \(CabinetVersion.current).
            """,
        version: CabinetVersion.current,
        subcommands: [
            TuiCommand.self, ListCommand.self, ShowCommand.self, NewCommand.self, EditCommand.self, MeetingCommand.self, InitCommand.self,
            RemoveCommand.self, ImportCommand.self, ExportCommand.self, DueCommand.self,
            TransitionCommand.self, CallInCommand.self, HistoryCommand.self, CalendarCommand.self, RulesCommand.self, UsersCommand.self,
            ActionsCommand.self, MeasuresCommand.self, AuditCommand.self, DemoCommand.self, BenchCommand.self, StoreCommand.self,
            PublishCommand.self,
        ],
        defaultSubcommand: TuiCommand.self
    )

    /// Runs the command; every message it ends with is neutralised like record text on screen,
    /// so a file name, a field or a title quoted in an error cannot drive the terminal.
    static func main() {
        CommandLog.start(login: OperatingSystemLogin.current())
        let log = Logger(label: "cabinet")
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = sanitizeForTerminal(fullMessage(for: error), keepNewlines: true)
            if code != .success {
                // What went wrong, for IT support, with the command that was asked for.
                log.error("cabinet \(CommandLine.arguments.dropFirst().first ?? "tui") exited \(code.rawValue): \(message)")
            }
            if code == .success {
                if !message.isEmpty { print(message) }
            } else {
                FileHandle.standardError.write(Data((message + "\n").utf8))
            }
            Foundation.exit(code.rawValue)
        }
    }
}
