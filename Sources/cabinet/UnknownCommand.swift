import ArgumentParser

/// A first word that names no command. The dashboard is the default subcommand, so without this
/// the parser hands any word it does not know to `tui`, which has no arguments, and answers with
/// tui's usage. `TuiCommand` takes the word as a hidden argument and refuses it here instead.
enum UnknownCommand {
    /// Every command a person can type first, with what it does.
    static var commands: [(name: String, abstract: String)] {
        Cabinet.configuration.subcommands.map { command in
            let configuration = command.configuration
            return (configuration.commandName ?? "\(command)", configuration.abstract)
        }
    }

    /// The refusal: what was typed, the nearest command if one is near enough to be a typing
    /// slip, and every command.
    static func refusal(for word: String) -> CommandFailure {
        let names = commands.map(\.name)
        var message = "\"\(word)\" is not a command."
        if let nearest = nearest(to: word, among: names) { message += " Did you mean `cabinet \(nearest)`?" }
        message += "\n\nCommands:\n"
        let width = (names.map(\.count).max() ?? 0) + 2
        for command in commands {
            message += "  " + command.name.padding(toLength: width, withPad: " ", startingAt: 0) + command.abstract + "\n"
        }
        message += "\nSee `cabinet --help`, or `cabinet help COMMAND`."
        return CommandFailure(message: message)
    }

    /// The closest name by edit distance, if within a third of the word's length (at least 1,
    /// at most 3): `lsit` finds `list`, `xyzzy` finds nothing.
    static func nearest(to word: String, among names: [String]) -> String? {
        let limit = min(3, max(1, word.count / 3))
        let scored = names.map { (name: $0, distance: editDistance(word.lowercased(), $0)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= limit else { return nil }
        return best.name
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    /// neighbours each cost one (a swap is the commonest slip: `lsit`).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
