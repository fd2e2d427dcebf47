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
        if isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 { Self.restartWithNonInteractiveBacktraces() }
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
                                       publications: publications, counting: .background)
                app.run(on: screen)
            }
        }
    }
}

extension TuiCommand {
    /// On a crash the Swift runtime's backtracer asks, on the terminal, whether to debug, and
    /// waits 30 s: the dashboard's terminal is no place for that, so a crash report is only
    /// printed (after the screen is given back). The runtime reads SWIFT_BACKTRACE once, at
    /// start-up, so the dashboard starts itself again, once, with the setting made (the same
    /// process and terminal). Without /proc/self/exe it carries on as it is.
    static func restartWithNonInteractiveBacktraces() {
        let current = ProcessInfo.processInfo.environment["SWIFT_BACKTRACE"] ?? ""
        guard !current.contains("interactive=") else { return }
        // The executable's own path, so the process keeps its name ("cabinet", not "exe").
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return }
        setenv("SWIFT_BACKTRACE", current.isEmpty ? "interactive=no" : current + ",interactive=no", 1)
        execv(executable, CommandLine.unsafeArgv)
    }
}
