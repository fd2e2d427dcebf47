import ArgumentParser
import Foundation
import Decisions
import DecisionStore
import Dashboard
import Desk
import Terminal
import Publications

struct TuiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "The dashboard: browse, filter, search, read and decide from the keyboard (the default).",
        discussion: """
            Press ? inside for every key. Keys are rebindable in $XDG_CONFIG_HOME/cabinet-desk/keys.conf,
            e.g. `move-down = j, down` or `register.filter-key = k`; `mouse = on` enables the mouse.
            5 opens the publications: previews for everyone, and for officers P publishes (HTML
            files in $XDG_DATA_HOME/cabinet-desk/publications).
            NO_COLOR or TERM=dumb give a monochrome screen.
            """)

    @OptionGroup var storeOptions: StoreOptions
    /// A word the parser could not place as a command: see UnknownCommand.
    @Argument(help: .hidden) var unknownCommand: String?

    func validate() throws {
        if let unknownCommand { throw UnknownCommand.refusal(for: unknownCommand) }
    }

    func run() throws {
        let session = try Session(storeOptions)
        let environment = ProcessInfo.processInfo.environment
        let keymap = try Keymap.load(environment: environment)
        // A council template that does not parse is reported here, before the terminal is taken.
        let templates = try PublicationTemplates(directories: PublicationTemplates.searchPath(
            explicit: nil, environment: environment, shipped: DataDirectory.locate()?.appendingPathComponent("templates").path))
        // Documents published from the dashboard go beside the person's default store.
        let published = (DecisionStore.defaultPath(environment: environment) as NSString).deletingLastPathComponent + "/publications"
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else {
            throw CommandFailure(message: "the dashboard needs a terminal; for scripts use `cabinet list`, `show` or `export`")
        }
        let colour = NcursesScreen.colourWanted()
        let context = DashboardContext(keymap: keymap, colour: colour)
        // The command layer will hand the dashboard its Desk; until then it opens one here.
        let desk = session.desk
        // Commands run on the main thread, where every curses call must happen.
        MainActor.assumeIsolated {
            NcursesScreen.run(colour: colour, mouse: keymap.mouse) { screen in
                let size = screen.size
                let publications = DeskPublicationService(desk: desk, templates: templates, directory: published)
                let app = DashboardApp(service: desk, context: context, width: size.width, height: size.height,
                                       publications: publications)
                app.run(on: screen)
            }
        }
    }
}
