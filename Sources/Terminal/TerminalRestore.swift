import CNcursesw

/// The one place that calls the shim's `cd_restore_*` functions.
///
/// Those C functions are `static inline` and keep their state in a function-local static;
/// every Swift source file that calls them would get its own copy of that state, so all
/// calls are kept in this file.
@MainActor
enum TerminalRestore {
    /// Remembers the terminal mode of `ttyFD` (call before curses changes it).
    static func rememberTerminal(fd: Int32) {
        cd_restore_set_tty(fd)
    }

    /// Installs the signal handlers (terminating signals and crashes), an alternate signal
    /// stack and an atexit hook, and arms them.
    static func installHandlers() {
        cd_restore_install()
        cd_restore_activate()
    }

    /// Arms restoration without handlers (the atexit hook still runs if registered).
    static func activate() {
        cd_restore_activate()
    }

    /// The bytes written to the terminal on an abnormal exit: attributes off, cursor
    /// visible, keypad transmit off, the alternate screen left, and mouse reporting off.
    static func setResetSequence(mouse: Bool) {
        cd_restore_clear_sequence()
        for capability in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            cd_restore_append_capability(capability)
        }
        if mouse {
            cd_restore_append_bytes("\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l")
        }
    }

    /// Disarms restoration (the screen is being stopped normally) and puts back the signal
    /// actions that were there before.
    static func disarm() {
        cd_restore_deactivate()
        cd_restore_uninstall()
    }

    /// Sends stderr to a temporary file while the screen is up. False if that failed.
    static func holdStderr() -> Bool {
        cd_restore_hold_stderr() == 0
    }

    /// Points stderr back at the terminal and replays what was held.
    static func releaseStderr() {
        cd_restore_release_stderr()
    }

    static var isHoldingStderr: Bool { cd_restore_is_holding_stderr() != 0 }

    static func isHandlerInstalled(signal: Int32) -> Bool {
        cd_restore_is_installed(signal) != 0
    }
}
