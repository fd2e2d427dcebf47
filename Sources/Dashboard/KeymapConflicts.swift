import Terminal

/// A binding keys.conf made, with the line that made it.
struct ConfiguredBinding: Sendable {
    var binding: KeyBinding
    var line: Int
    /// The key as the line spells it (`ctrl-n`), to quote back in a way the file accepts.
    var keyName: String
}

/// One key in keys.conf that would not do what its line says.
public struct KeymapConflict: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var key: Key
    /// The key as keys.conf spells it.
    public var keyName: String
    /// What the line binds the key to, and where.
    public var command: Command
    public var context: KeyContext
    /// What the key means instead, where, and (if keys.conf made it so) on which line.
    public var otherCommand: Command
    public var otherContext: KeyContext
    public var otherLine: Int?

    public var description: String {
        let key = "key \(keyName)"
        if let otherLine {
            return "\(file):\(line): \(key) for \(command.rawValue) \(Self.place(context)) is bound by line \(otherLine) "
                + "to \(otherCommand.rawValue) \(Self.place(otherContext)); give one of them another key"
        }
        return "\(file):\(line): \(key) for \(command.rawValue) \(Self.place(context)) is the \(otherContext.rawValue) screen's own key "
            + "for \(otherCommand.rawValue), which wins there; choose another key, or bind it for that screen too "
            + "(`\(otherContext.rawValue).\(command.rawValue) = \(keyName)`)"
    }

    static func place(_ context: KeyContext) -> String { context == .global ? "(everywhere)" : "(on the \(context.rawValue) screen)" }
}

/// Every conflict keys.conf holds, reported together at start-up, before the terminal is taken.
public struct KeymapConflicts: Error, CustomStringConvertible {
    public var conflicts: [KeymapConflict]
    public var description: String { conflicts.map(\.description).joined(separator: "\n") }

    /// Two lines binding one key in one context to different commands: the earlier would lose.
    static func betweenLines(adding added: [ConfiguredBinding], configured: [ConfiguredBinding], file: String) -> [KeymapConflict] {
        added.compactMap { made in
            let binding = made.binding
            guard let earlier = configured.first(where: {
                $0.binding.context == binding.context && $0.binding.key == binding.key && $0.binding.command != binding.command
            }) else { return nil }
            return KeymapConflict(file: file, line: made.line, key: binding.key, keyName: made.keyName,
                                  command: binding.command, context: binding.context,
                                  otherCommand: earlier.binding.command, otherContext: earlier.binding.context, otherLine: earlier.line)
        }
    }

    /// A key keys.conf binds everywhere that a screen binds to something else: the screen's own
    /// binding is looked up first (`Keymap.command(for:in:)`), so on that screen the line would lose.
    static func hiddenByScreens(configured: [ConfiguredBinding], in keymap: Keymap, file: String) -> [KeymapConflict] {
        configured.filter { $0.binding.context == .global }.flatMap { made in
            KeyContext.allCases.filter { $0 != .global }.compactMap { screen -> KeymapConflict? in
                guard let own = keymap.bindings.first(where: { $0.context == screen && $0.key == made.binding.key }),
                      own.command != made.binding.command else { return nil }
                return KeymapConflict(file: file, line: made.line, key: made.binding.key, keyName: made.keyName,
                                      command: made.binding.command,
                                      context: .global, otherCommand: own.command, otherContext: screen,
                                      otherLine: configured.first { $0.binding == own }?.line)
            }
        }
    }
}
