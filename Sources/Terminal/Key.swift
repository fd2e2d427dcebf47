/// A mouse report (only when mouse reporting is switched on).
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case press, release, wheelUp, wheelDown }
    public var row: Int
    public var column: Int
    public var kind: Kind
    public init(row: Int, column: Int, kind: Kind) { self.row = row; self.column = column; self.kind = kind }
}

/// A key press, decoded from the terminal.
public enum Key: Hashable, Sendable {
    case char(Character)
    case ctrl(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab, delete
    case function(Int)
    case resize
    case mouse(MouseEvent)
    case unknown(Int32)
    /// The terminal has gone (hung up, closed): no key will ever come.
    case hangup

    /// Parses a key as written in a config file: "j", "G", "ctrl-d", "C-d", "^D", "PgDn",
    /// "enter", "esc", "space", "F5", "?".
    public init?(name: String) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lower.hasPrefix(prefix) && trimmed.count == prefix.count + 1 {
            let c = Character(String(lower.last!))
            guard c.isLetter && c.isASCII else { return nil }
            self = .ctrl(c)
            return
        }
        switch lower {
        case "up": self = .up
        case "down": self = .down
        case "left": self = .left
        case "right": self = .right
        case "pgup", "pageup", "page-up", "ppage": self = .pageUp
        case "pgdn", "pgdown", "pagedown", "page-down", "npage": self = .pageDown
        case "home": self = .home
        case "end": self = .end
        case "enter", "return", "ret": self = .enter
        case "esc", "escape": self = .escape
        case "backspace", "bs": self = .backspace
        case "tab": self = .tab
        case "backtab", "shift-tab": self = .backTab
        case "delete", "del": self = .delete
        case "space": self = .char(" ")
        default:
            if lower.count >= 2, lower.first == "f", let n = Int(lower.dropFirst()), (1...24).contains(n) {
                self = .function(n)
            } else if trimmed.count == 1 {
                self = .char(trimmed.first!)
            } else {
                return nil
            }
        }
    }

    /// How the key is written in help and hints (and accepted back by `init(name:)`).
    public var displayName: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-" + String(c)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .delete: "Delete"
        case .function(let n): "F\(n)"
        case .resize: "Resize"
        case .mouse: "Mouse"
        case .unknown(let code): "key \(code)"
        case .hangup: "Hang-up"
        }
    }
}

import Foundation
