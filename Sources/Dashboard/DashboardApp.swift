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
    /// The terminal the app runs on, lent to `$EDITOR` when a field is edited there.
    private var screen: (any Screen)?

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
            if case .editExternally(let line, let label, let text) = command {
                handle(editExternally(line: line, label: label, text: text))
                continue
            }
            if case .openLink(let url) = command, screen != nil {
                handle(.linkOpened(LinkOpener.open(url)))
                continue
            }
            for message in runner.run(command) { handle(message) }
        }
    }

    /// As `git commit` does: the screen is suspended, the editor has the terminal, and the
    /// text comes back into the field. The file is kept if the editor fails, so nothing is lost.
    func editExternally(line: Int, label: String, text: String) -> Message {
        let edit = { try ExternalEditor.edit("# \(label): save and quit to put this text in the field; lines starting with # are left out.\n" + text + "\n", suffix: ".txt") }
        do {
            // Without a terminal of its own (tests, the benchmark) the app has none to lend.
            guard let screen else { return .externalEditFinished(line: line, text: nil, error: "no terminal to run the editor in") }
            let result = try screen.suspend(edit)
            let kept = result.text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }.joined(separator: "\n")
            try? FileManager.default.removeItem(atPath: result.path)
            return .externalEditFinished(line: line, text: kept, error: nil)
        } catch {
            return .externalEditFinished(line: line, text: nil, error: "\(error)")
        }
    }

    public func render() -> Grid {
        // Lay the record out once for this width; frames and scrolling reuse it.
        if state.detail != nil && (state.screen == .detail || state.isSplit) { _ = state.detailLines() }
        return Render.frame(state, context: context)
    }

    /// Runs until the person quits: draw, wait for a key (or a tick), handle it.
    public func run(on screen: any Screen) {
        self.screen = screen
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
