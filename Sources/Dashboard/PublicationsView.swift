import Decisions
import Terminal

/// The publications screen: the documents on offer, or the one previewed, as the public will read it.
enum PublicationsView {
    static func draw(_ state: AppState, into painter: inout Painter, width: Int) {
        let theme = painter.theme
        let screen = state.publications
        if let preview = screen.preview {
            let lines = wrapped(preview.lines, width: width - 2)
            let height = state.height - 3
            let scroll = min(screen.previewScroll, max(0, lines.count - height))
            for i in 0..<height where scroll + i < lines.count {
                painter.text(lines[scroll + i], row: 1 + i, column: 1, width: width - 1, style: theme.normal)
            }
            return
        }
        painter.bar("DOCUMENT (the public version: exempt information is never in it)", row: 1, width: width, style: theme.header)
        for (index, choice) in screen.choices.enumerated() where 2 + index < state.height - 2 {
            painter.bar(sanitizeForTerminal(choice.label), row: 2 + index, width: width,
                        style: index == screen.cursor ? theme.selected : theme.normal)
        }
        let note = "Open a decision or a meeting first to offer its record, notices or agenda."
        if screen.choices.count + 3 < state.height - 2 {
            painter.text(note, row: 3 + screen.choices.count, column: 1, width: width - 1, style: theme.dim)
        }
    }

    /// The document's lines wrapped to the screen, a continuation indented like its line.
    static func wrapped(_ lines: [String], width: Int) -> [String] {
        lines.flatMap { raw -> [String] in
            let line = sanitizeForTerminal(raw)
            // Lines that fit keep their alignment; wrapping would fold their runs of spaces.
            guard displayWidth(line) > width else { return [line] }
            let indent = String(line.prefix { $0 == " " })
            let rest = String(line.dropFirst(indent.count))
            guard !rest.isEmpty else { return [line] }
            return wrap(rest, width: max(10, width - indent.count)).map { indent + $0 }
        }
    }

    static func status(_ state: AppState) -> String {
        guard let preview = state.publications.preview else {
            return "\(state.publications.choices.count) documents · Enter previews"
                + (RuleID.publishDocuments.permits(state.actor.role) ? " · P publishes" : " · read only: previews")
        }
        return "Preview · \(preview.lines.count) lines · not yet published"
    }
}
