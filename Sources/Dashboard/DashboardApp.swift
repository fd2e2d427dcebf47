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

    /// Where the register's counts run: in line (tests see every result at once) or in the
    /// background, so that a keystroke is never blocked behind a count of millions of rows.
    public enum Counting: Sendable { case inline, background }
    public let counting: Counting
    private let counts = BackgroundCounts()

    public init(service: any RegisterService, context: DashboardContext, width: Int, height: Int, margin: Int = 40,
                publications: (any PublicationService)? = nil, counting: Counting = .inline) {
        self.context = context
        self.counting = counting
        runner = CommandRunner(service: service, publications: publications)
        state = AppState(width: width, height: height, today: service.viewingDate, actor: service.actor, margin: margin)
        state.colour = context.theme.titleBar != Theme.monochrome.titleBar
    }

    /// Loads the first screen.
    public func start() {
        perform(Reducer.opening(&state))
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
            if case .countRegister(let filter, let generation) = command, counting == .background,
               let counter = runner.service as? any RegisterCounter, !counter.countIsKept(filter) {
                counts.submit(filter, generation: generation, counter: counter)
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

    /// Handles the counts that have come back from the background; whether there were any.
    @discardableResult
    public func collectBackground() -> Bool {
        let arrived = counts.collect()
        for message in arrived { handle(message) }
        return !arrived.isEmpty
    }

    /// Whether a background count is still to come.
    public var isCounting: Bool { counts.isBusy }

    /// Waits for the background counts and handles what they found (tests and the benchmark).
    public func settle() {
        counts.waitUntilIdle()
        collectBackground()
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
        // A frame is drawn only after something was handled: polling for a count's result
        // every 15 ms must not render sixty frames a second of the same screen.
        var needsFrame = true
        defer { counts.cancelAll() }
        while !state.quitting {
            if collectBackground() { needsFrame = true }
            if needsFrame {
                screen.draw(render())
                needsFrame = false
            }
            // While a count runs, look for its result often; otherwise wake about four times a second.
            guard let key = screen.readKey(timeoutMilliseconds: counts.isBusy ? 15 : 250) else {
                if counts.isBusy { continue }
                idleTicks += 1
                // About once a second, look for changes made in another terminal.
                if idleTicks % 4 == 0 {
                    handle(.tick)
                    needsFrame = true
                }
                continue
            }
            needsFrame = true
            if key == .resize {
                let size = screen.size
                handle(.resize(width: size.width, height: size.height))
            } else {
                handle(.key(key))
            }
        }
    }
}
