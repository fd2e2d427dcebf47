import Foundation
import Decisions
import Terminal

/// What every view needs besides the state: the keymap and the theme. No rules: views take
/// deadlines from the records the service returns, reckoned under the rules read for them.
public struct DashboardContext: Sendable {
    public var keymap: Keymap
    public var theme: Theme

    public init(keymap: Keymap, colour: Bool) {
        self.keymap = keymap
        theme = colour ? .colour : .monochrome
    }
}

/// The running dashboard: the update loop. Messages go to the reducer; the commands it returns
/// are performed by the runner through the service, and their results come back as messages.
/// The same object drives the terminal, the tests and the benchmark.
@MainActor
public final class DashboardApp {
    public private(set) var state: AppState
    public let context: DashboardContext
    public let runner: CommandRunner

    public var margin: Int { state.margin }

    /// How many searches count before saying "N+".
    public static var searchCountCap: Int { Reducer.searchCountCap }

    public init(service: any RegisterService, context: DashboardContext, width: Int, height: Int, margin: Int = 40,
                publications: (any PublicationService)? = nil) {
        self.context = context
        runner = CommandRunner(service: service, publications: publications)
        state = AppState(width: width, height: height, today: service.viewingDate, actor: service.actor, margin: margin)
        state.colour = context.theme.titleBar != Theme.monochrome.titleBar
    }

    /// Loads the first screen.
    public func start() {
        perform(Reducer.opening(state))
    }

    public func handle(_ message: Message) {
        perform(Reducer.update(&state, message, keymap: context.keymap))
    }

    /// Depth first: each command's results are handled before the next command runs, so
    /// commands apply in the order the reducer listed them.
    func perform(_ commands: [DashboardCommand]) {
        for command in commands {
            for message in runner.run(command) { handle(message) }
        }
    }

    public func render() -> Grid {
        // Lay the record out once for this width; frames and scrolling reuse it.
        if state.detail != nil && (state.screen == .detail || state.isSplit) { _ = state.detailLines() }
        return Render.frame(state, context: context)
    }

    /// Runs until the person quits: draw, wait for a key (or a tick), handle it.
    public func run(on screen: any Screen) {
        start()
        var idleTicks = 0
        while !state.quitting {
            screen.draw(render())
            guard let key = screen.readKey(timeoutMilliseconds: 250) else {
                idleTicks += 1
                // About once a second, look for changes made in another terminal.
                if idleTicks % 4 == 0 { handle(.tick) }
                continue
            }
            if key == .resize {
                let size = screen.size
                handle(.resize(width: size.width, height: size.height))
            } else {
                handle(.key(key))
            }
        }
    }
}
