import ArgumentParser

/// `--format` for the commands that write a table for people or JSON for scripts, and nothing
/// else: the parser itself refuses any other value and names these two.
enum TableOrJSON: String, ExpressibleByArgument, CaseIterable {
    case table, json
}
