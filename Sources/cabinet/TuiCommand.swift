import ArgumentParser
import Foundation
import Decisions
import DecisionStore
import Dashboard
import Desk
import Terminal

struct TuiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "The dashboard: browse, filter, search, read and decide from the keyboard (the default).",
        discussion: """
            Press ? inside for every key. Keys are rebindable in $XDG_CONFIG_HOME/cabinet-desk/keys.conf,
            e.g. `move-down = j, down` or `register.filter-key = k`; `mouse = on` enables the mouse.
            NO_COLOR or TERM=dumb give a monochrome screen.
            """)

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let session = try Session(storeOptions)
        let keymap = try Keymap.load(environment: ProcessInfo.processInfo.environment)
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
                let app = DashboardApp(service: desk, context: context, width: size.width, height: size.height)
                app.run(on: screen)
            }
        }
    }
}
