import Decisions
import Terminal

/// The new-decision and edit form: one row per field (label, value, and beside it why the value
/// is refused or a note), long text shown by its first line and its length.
enum FormView {
    static let labelWidth = 20

    /// The rows the form draws, in order, with the field each belongs to.
    static func rows(_ form: DecisionForm, width: Int, today: CivilDate) -> [(line: Int, text: String, kind: RowKind)] {
        var rows: [(Int, String, RowKind)] = []
        let valueWidth = max(10, width - labelWidth - 3)
        for (index, line) in form.lines.enumerated() {
            let focused = index == form.focus
            var value = sanitizeForTerminal(line.text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? "")
            let lineCount = line.text.split(separator: "\n").count
            if lineCount > 1 { value += "  … (\(lineCount) lines)" }
            if focused { value += "▏" }
            let marker = line.problem != nil ? "✗ " : (focused ? "› " : "  ")
            let label = pad(truncate(line.label, toWidth: labelWidth - 2), toWidth: labelWidth - 2)
            rows.append((index, marker + label + " " + truncateFromStart(value, toWidth: valueWidth, keepEnd: focused), focused ? .focused : .field))
            if let problem = line.problem {
                for text in wrap("✗ " + problem, width: max(10, width - labelWidth - 1)) {
                    rows.append((index, String(repeating: " ", count: labelWidth + 1) + text, .problem))
                }
            } else if let note = line.note {
                rows.append((index, String(repeating: " ", count: labelWidth + 1) + truncate("· " + note, toWidth: valueWidth), .note))
            }
            if focused {
                var hint = line.field?.hint ?? "required for a published record: why it is corrected"
                if line.field == .meeting {
                    let next = form.upcomingMeetings(from: today).map { "#\($0.id) \($0.body) \($0.date?.iso ?? "")" }
                    if !next.isEmpty { hint += " · next: " + next.joined(separator: ", ") }
                }
                if line.isLong { hint += " · Enter opens your editor" }
                for text in wrap(hint, width: max(10, width - labelWidth - 1)) {
                    rows.append((index, String(repeating: " ", count: labelWidth + 1) + text, .hint))
                }
            }
        }
        return rows
    }

    enum RowKind { case field, focused, problem, note, hint }

    static func draw(_ form: DecisionForm, state: AppState, into painter: inout Painter) {
        let theme = painter.theme
        let width = state.width
        let top = 1, bottom = state.height - 2
        painter.fill(rows: top..<bottom, width: width, style: theme.normal)
        painter.text(" " + form.title, row: top, column: 0, width: width, style: theme.heading)
        var firstRow = top + 1
        if let banner = form.banner {
            for text in wrap(banner, width: width - 2).prefix(2) {
                painter.text(" " + text, row: firstRow, column: 0, width: width, style: form.saving ? theme.dim : theme.error)
                firstRow += 1
            }
        }
        let rows = rows(form, width: width, today: state.today)
        let visible = max(1, bottom - firstRow)
        // Keep the focused field, with its message and hint, on screen.
        let focusRows = rows.indices.filter { rows[$0].line == form.focus }
        var scroll = 0
        if let last = focusRows.last, last >= visible { scroll = last - visible + 1 }
        if let first = focusRows.first, first < scroll { scroll = first }
        for (offset, row) in rows.dropFirst(scroll).prefix(visible).enumerated() {
            let style: Style
            switch row.kind {
            case .field: style = theme.normal
            case .focused: style = theme.selected
            case .problem: style = theme.error
            case .note, .hint: style = theme.dim
            }
            painter.bar(row.text, row: firstRow + offset, width: width, style: style)
        }
    }

    /// The end of the text when it is the one being typed (the caret must show), else the start.
    static func truncateFromStart(_ text: String, toWidth width: Int, keepEnd: Bool) -> String {
        guard keepEnd, displayWidth(text) > width else { return truncate(text, toWidth: width) }
        var tail = Substring(text)
        while displayWidth(String(tail)) > width - 1 { tail = tail.dropFirst() }
        return "…" + tail
    }
}

extension Painter {
    mutating func fill(rows: Range<Int>, width: Int, style: Style) {
        for row in rows { bar("", row: row, width: width, style: style) }
    }
}
