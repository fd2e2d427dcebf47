import Foundation
import Terminal

/// Which part of the app a binding applies in. `global` bindings apply everywhere unless
/// a screen binds the same key.
public enum KeyContext: String, CaseIterable, Sendable {
    case global, register, detail, meetings, due, publications
}

/// One key bound to one command, with the context it applies in.
public struct KeyBinding: Sendable, Equatable {
    public var context: KeyContext
    public var key: Key
    public var command: Command
}

/// The table that drives the app and generates its help screen.
public struct Keymap: Sendable {
    public private(set) var bindings: [KeyBinding]
    /// Mouse reporting (off by default so people can select text).
    public var mouse = false

    public static let standard = Keymap(bindings: [
        .init(context: .global, key: .char("j"), command: .moveDown),
        .init(context: .global, key: .down, command: .moveDown),
        .init(context: .global, key: .char("k"), command: .moveUp),
        .init(context: .global, key: .up, command: .moveUp),
        .init(context: .global, key: .pageDown, command: .pageDown),
        .init(context: .global, key: .char(" "), command: .pageDown),
        .init(context: .global, key: .pageUp, command: .pageUp),
        .init(context: .global, key: .ctrl("d"), command: .halfPageDown),
        .init(context: .global, key: .ctrl("u"), command: .halfPageUp),
        .init(context: .global, key: .char("g"), command: .top),
        .init(context: .global, key: .home, command: .top),
        .init(context: .global, key: .char("G"), command: .bottom),
        .init(context: .global, key: .end, command: .bottom),
        .init(context: .global, key: .enter, command: .open),
        .init(context: .global, key: .escape, command: .back),
        .init(context: .global, key: .left, command: .back),
        .init(context: .global, key: .char("q"), command: .quit),
        .init(context: .global, key: .char("?"), command: .help),
        .init(context: .global, key: .char("1"), command: .showRegister),
        .init(context: .global, key: .char("2"), command: .showMeetings),
        .init(context: .global, key: .char("3"), command: .showDue),
        .init(context: .global, key: .char("4"), command: .showPlans),
        .init(context: .global, key: .ctrl("l"), command: .refresh),
        .init(context: .register, key: .char("K"), command: .toggleKey),
        .init(context: .register, key: .char("U"), command: .toggleUrgent),
        .init(context: .register, key: .char("C"), command: .toggleCallIn),
        .init(context: .register, key: .char("E"), command: .toggleExempt),
        .init(context: .register, key: .char("S"), command: .cycleStage),
        .init(context: .register, key: .char("M"), command: .filterMaker),
        .init(context: .register, key: .char("D"), command: .filterDates),
        .init(context: .register, key: .char("x"), command: .clearFilters),
        .init(context: .register, key: .char("/"), command: .search),
        .init(context: .register, key: .char("n"), command: .nextMatch),
        .init(context: .register, key: .char("N"), command: .previousMatch),
        .init(context: .register, key: .char("o"), command: .cycleSort),
        .init(context: .register, key: .char("t"), command: .transition),
        .init(context: .detail, key: .char("t"), command: .transition),
        .init(context: .detail, key: .char("a"), command: .addAction),
        .init(context: .detail, key: .char("S"), command: .signCallIn),
        .init(context: .due, key: .char("c"), command: .confirmAction),
        .init(context: .detail, key: .char("n"), command: .nextMatch),
        .init(context: .detail, key: .char("N"), command: .previousMatch),
        .init(context: .register, key: .char("c"), command: .newDecision),
        .init(context: .detail, key: .char("c"), command: .newDecision),
        .init(context: .register, key: .char("e"), command: .editDecision),
        .init(context: .detail, key: .char("e"), command: .editDecision),
        .init(context: .detail, key: .char("O"), command: .openDocument),
        .init(context: .global, key: .char("#"), command: .goTo),
        .init(context: .meetings, key: .char("A"), command: .addToAgenda),
        .init(context: .meetings, key: .char("c"), command: .newMeeting),
        .init(context: .meetings, key: .char("I"), command: .addAgendaItem),
        .init(context: .meetings, key: .char("m"), command: .moveAgendaItem),
        .init(context: .meetings, key: .char("X"), command: .removeAgendaItem),
        .init(context: .meetings, key: .char("W"), command: .recordAttendance),
        .init(context: .meetings, key: .char("i"), command: .declareInterest),
        .init(context: .global, key: .char("5"), command: .showPublications),
        .init(context: .publications, key: .char("P"), command: .publish),
    ])

    public init(bindings: [KeyBinding]) { self.bindings = bindings }

    /// The command `key` means on `screen`: the screen's own binding first, then global.
    public func command(for key: Key, in context: KeyContext) -> Command? {
        bindings.first { $0.context == context && $0.key == key }?.command
            ?? bindings.first { $0.context == .global && $0.key == key }?.command
    }

    /// Keys bound to `command` in `context` (for help and hints).
    public func keys(for command: Command, in context: KeyContext = .global) -> [Key] {
        bindings.filter { $0.command == command && ($0.context == context || $0.context == .global) }.map(\.key)
    }

    /// Applies a config file: lines `[context.]command = key, key` replace that command's
    /// keys in that context; `mouse = on|off`; `#` starts a comment. Errors name the line.
    /// Nothing is applied unless the whole file is good: a key that would lose to another
    /// binding is a `KeymapConflicts` error naming the line, the key and both commands.
    public mutating func apply(config text: String, file: String) throws {
        var result = self
        var configured: [ConfiguredBinding] = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?
                .trimmingCharacters(in: .whitespaces) ?? ""
            if line.isEmpty { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else {
                throw KeymapError(file: file, line: number + 1, message: "expected `command = key, key`")
            }
            if parts[0] == "mouse" {
                guard ["on", "off", "true", "false", "yes", "no"].contains(parts[1].lowercased()) else {
                    throw KeymapError(file: file, line: number + 1, message: "mouse is on or off")
                }
                result.mouse = ["on", "true", "yes"].contains(parts[1].lowercased())
                continue
            }
            let target = parts[0].split(separator: ".", maxSplits: 1).map(String.init)
            let context: KeyContext
            let commandName: String
            if target.count == 2 {
                guard let parsed = KeyContext(rawValue: target[0]) else {
                    throw KeymapError(file: file, line: number + 1,
                                      message: "unknown context \"\(target[0])\" (use \(KeyContext.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                context = parsed; commandName = target[1]
            } else {
                context = .global; commandName = target[0]
            }
            guard let command = Command(rawValue: commandName) else {
                throw KeymapError(file: file, line: number + 1, message: "unknown command \"\(commandName)\"")
            }
            var added: [ConfiguredBinding] = []
            for name in parts[1].split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let key = Key(name: name) else {
                    throw KeymapError(file: file, line: number + 1, message: "unknown key \"\(name)\"")
                }
                added.append(ConfiguredBinding(binding: KeyBinding(context: context, key: key, command: command), line: number + 1, keyName: name))
            }
            configured.removeAll { $0.binding.command == command && $0.binding.context == context }
            let conflicts = KeymapConflicts.betweenLines(adding: added, configured: configured, file: file)
            guard conflicts.isEmpty else { throw KeymapConflicts(conflicts: conflicts) }
            let keys = added.map(\.binding.key)
            result.bindings.removeAll { $0.command == command && $0.context == context }
            // A key now means this command here: drop its old meaning in the same context.
            result.bindings.removeAll { $0.context == context && keys.contains($0.key) }
            result.bindings.append(contentsOf: added.map(\.binding))
            configured.append(contentsOf: added)
        }
        let hidden = KeymapConflicts.hiddenByScreens(configured: configured, in: result, file: file)
        guard hidden.isEmpty else { throw KeymapConflicts(conflicts: hidden) }
        self = result
    }

    /// The standard keymap with the person's config applied, if they have one.
    public static func load(environment: [String: String]) throws -> Keymap {
        var keymap = Keymap.standard
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        let path = base + "/cabinet-desk/keys.conf"
        if let data = FileManager.default.contents(atPath: path) {
            try keymap.apply(config: String(decoding: data, as: UTF8.self), file: path)
        }
        return keymap
    }
}

public struct KeymapError: Error, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): \(message)" }
}
