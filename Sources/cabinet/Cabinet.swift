import ArgumentParser

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
}
