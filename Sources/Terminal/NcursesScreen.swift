import CNcursesw
import Foundation

/// The real terminal, through ncursesw. Every curses call happens on the main actor.
/// The terminal is restored on `stop()`, and on SIGINT, SIGTERM, SIGHUP, SIGQUIT and crashes.
@MainActor
public final class NcursesScreen: Screen {
    private var previous: Grid?
    private var cursorShown = false
    private let colour: Bool
    private var pairs: [PairKey: Int16] = [:]
    private var stopped = false
    private var heldStderr = false

    private struct PairKey: Hashable { var foreground: Int16; var background: Int16 }

    /// Whether colour should be used: not when NO_COLOR is set or TERM is dumb.
    nonisolated public static func colourWanted(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        let term = environment["TERM"] ?? ""
        return !(term.isEmpty || term == "dumb")
    }

    /// Takes over the terminal. `colour` is honoured only when the terminal has colours.
    public init(colour: Bool = NcursesScreen.colourWanted(), mouse: Bool = false) {
        setlocale(LC_ALL, "")
        // A "dumb" terminal description has no cursor addressing, so curses cannot draw on it;
        // drive it as the plainest addressable terminal instead (monochrome, as asked).
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" { setenv("TERM", "vt100", 1) }
        // The terminal is given back on every way out: signals, crashes and exit().
        TerminalRestore.rememberTerminal(fd: STDOUT_FILENO)
        TerminalRestore.installHandlers()
        initscr()
        // Nothing may be printed over the screen: stderr is held until stop().
        heldStderr = TerminalRestore.holdStderr()
        cbreak()
        noecho()
        nonl()
        keypad(cabinet_stdscr(), true)
        // Esc must feel instant (the default waits a second for an escape sequence).
        set_escdelay(25)
        curs_set(0)
        if colour && has_colors() {
            start_color()
            use_default_colors()
            self.colour = true
        } else {
            self.colour = false
        }
        if mouse { mousemask(cabinet_mouse_all(), nil) }
        TerminalRestore.setResetSequence(mouse: mouse)
    }

    /// Gives the terminal back; replays anything written to stderr meanwhile.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        TerminalRestore.disarm()
        endwin()
        if heldStderr { TerminalRestore.releaseStderr() }
    }

    /// Runs `body` with the terminal, and restores it however `body` ends.
    public static func run<T>(colour: Bool = NcursesScreen.colourWanted(), mouse: Bool = false,
                              _ body: (NcursesScreen) throws -> T) rethrows -> T {
        let screen = NcursesScreen(colour: colour, mouse: mouse)
        defer { screen.stop() }
        return try body(screen)
    }

    public var size: (width: Int, height: Int) { (Int(cabinet_cols()), Int(cabinet_lines())) }

    /// As `git commit` runs the editor: leave curses mode, let the program have the terminal,
    /// come back to the same modes and repaint the whole screen.
    public func suspend<T>(_ body: () throws -> T) rethrows -> T {
        def_prog_mode()
        endwin()
        defer {
            reset_prog_mode()
            previous = nil
            refresh()
        }
        return try body()
    }

    public func draw(_ grid: Grid) {
        let full = previous == nil || previous!.width != grid.width || previous!.height != grid.height
        if full { erase() }
        for row in 0..<grid.height {
            if !full, let previous, (0..<grid.width).allSatisfy({ previous[row, $0] == grid[row, $0] }) { continue }
            drawRow(grid, row)
        }
        previous = grid
        placeCursor(grid.cursor, in: grid)
        refresh()
    }

    /// Moves the terminal cursor where the frame says (hidden on lists, shown at a caret).
    private func placeCursor(_ cursor: Cursor?, in grid: Grid) {
        let visible = cursor?.visible ?? false
        if visible != cursorShown {
            curs_set(visible ? 1 : 0)
            cursorShown = visible
        }
        let row = min(max(0, cursor?.row ?? grid.height - 1), max(0, grid.height - 1))
        let column = min(max(0, cursor?.column ?? 0), max(0, grid.width - 1))
        wmove(cabinet_stdscr(), Int32(row), Int32(column))
    }

    private func drawRow(_ grid: Grid, _ row: Int) {
        var column = 0
        while column < grid.width {
            let style = grid[row, column].style
            var run: [wchar_t] = []
            let start = column
            while column < grid.width, grid[row, column].style == style {
                let cell = grid[row, column]
                if cell.width > 0 { run.append(contentsOf: cell.character.unicodeScalars.map { wchar_t(bitPattern: $0.value) }) }
                column += 1
            }
            apply(style)
            run.append(0)
            // The bottom-right cell makes curses report an error after writing it: harmless.
            _ = mvaddnwstr(Int32(row), Int32(start), run, Int32(run.count - 1))
        }
    }

    private func apply(_ style: Style) {
        var attributes = cabinet_a_normal()
        if style.bold { attributes |= cabinet_a_bold() }
        if style.dim { attributes |= cabinet_a_dim() }
        if style.reverse { attributes |= cabinet_a_reverse() }
        if style.underline { attributes |= cabinet_a_underline() }
        var pair: Int16 = 0
        if colour, style.foreground != nil || style.background != nil {
            let key = PairKey(foreground: Int16(style.foreground?.rawValue ?? -1), background: Int16(style.background?.rawValue ?? -1))
            if let existing = pairs[key] {
                pair = existing
            } else if pairs.count + 1 < Int(cabinet_color_pairs()) {
                pair = Int16(pairs.count + 1)
                init_pair(pair, key.foreground, key.background)
                pairs[key] = pair
            }
        }
        _ = cabinet_set_attrs(attributes, pair)
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        wtimeout(cabinet_stdscr(), Int32(timeoutMilliseconds))
        var character: wint_t = 0
        let result = wget_wch(cabinet_stdscr(), &character)
        if result == cabinet_err() {
            // ERR is also what a timeout gives; a terminal that has hung up gives it at once, for
            // ever, so say so rather than let the caller spin.
            var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            if poll(&input, 1, 0) > 0 && input.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .hangup }
            return nil
        }
        if result == cabinet_key_code_yes() { return functionKey(Int32(character)) }
        switch character {
        case 27: return .escape
        case 10, 13: return .enter
        case 127, 8: return .backspace
        case 9: return .tab
        case 1...26: return .ctrl(Character(UnicodeScalar(UInt8(96 + character))))
        default:
            guard let scalar = UnicodeScalar(UInt32(character)) else { return .unknown(Int32(character)) }
            return .char(Character(scalar))
        }
    }

    private func functionKey(_ code: Int32) -> Key {
        switch code {
        case cabinet_key_up(): return .up
        case cabinet_key_down(): return .down
        case cabinet_key_left(): return .left
        case cabinet_key_right(): return .right
        case cabinet_key_home(): return .home
        case cabinet_key_end(): return .end
        case cabinet_key_npage(): return .pageDown
        case cabinet_key_ppage(): return .pageUp
        case cabinet_key_enter(): return .enter
        case cabinet_key_backspace(): return .backspace
        case cabinet_key_dc(): return .delete
        case cabinet_key_btab(): return .backTab
        case cabinet_key_resize():
            // curses has already updated its size; the next frame is drawn in full.
            previous = nil
            return .resize
        case cabinet_key_mouse():
            var event = MEVENT()
            guard getmouse(&event) == cabinet_ok() else { return .unknown(code) }
            let kind: MouseEvent.Kind
            if event.bstate & cabinet_button4_pressed() != 0 { kind = .wheelUp }
            else if cabinet_button5_pressed() != 0 && event.bstate & cabinet_button5_pressed() != 0 { kind = .wheelDown }
            else if event.bstate & cabinet_button1_pressed() != 0 { kind = .press }
            else { kind = .release }
            return .mouse(MouseEvent(row: Int(event.y), column: Int(event.x), kind: kind))
        case (cabinet_key_f0() + 1)...(cabinet_key_f0() + 24): return .function(Int(code - cabinet_key_f0()))
        default: return .unknown(code)
        }
    }
}
