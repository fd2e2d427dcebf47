import ArgumentParser

// What each command's --format may say: only what that command writes, so the parser refuses
// anything else naming the values it takes, and help and shell completion offer only those.

/// The commands that write a table for people or JSON for scripts.
enum TableOrJSON: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// `cabinet list`: the table, or whole records for scripts.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// `cabinet show`: the record as the dashboard shows it, or as JSON.
enum ShowFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `cabinet export`: records as JSON or CSV, or the calendar of meetings and deadlines.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case json, csv, ics
}
