import Decisions
import DecisionStore
import Terminal

/// The register: one line per decision, with flags, stage and next deadline.
enum RegisterView {
    struct Columns {
        var date = 10
        var flags = 4
        var maker: Int, title: Int, stage: Int, deadline: Int
    }

    static func columns(width: Int) -> Columns {
        // date flags maker title stage deadline, single spaces between.
        let stage = width >= 76 ? 11 : 0
        let deadline = width >= 90 ? 14 : width >= 70 ? 12 : (width >= 56 ? 9 : 0)
        let maker = width >= 100 ? 24 : (width >= 76 ? 13 : 0)
        let separators = 2 + (maker > 0 ? 1 : 0) + (stage > 0 ? 1 : 0) + (deadline > 0 ? 1 : 0)
        let title = max(8, width - 10 - 4 - maker - stage - deadline - separators)
        return Columns(maker: maker, title: title, stage: stage, deadline: deadline)
    }

    static func flags(_ d: Decision) -> String {
        (d.isKeyDecision ? "K" : "·") + (d.isUrgent ? "U" : "·") + (d.isSubjectToCallIn ? "C" : "·") + (d.isExempt ? "E" : "·")
    }

    /// "call-in 3wd", "publish -2wd" (overdue), or "" when nothing is pending.
    static func deadlineText(_ deadline: Deadline?, width: Int) -> (String, DeadlineUrgency) {
        guard let deadline else { return ("", .none) }
        let kind = shortName(deadline.kind)
        switch deadline.state {
        case .due(let days):
            let text = "\(kind) \(days)wd"
            return (displayWidth(text) <= width ? text : "\(days)wd", days <= 2 ? .soon : .later)
        case .overdue(let days):
            let text = "\(kind) -\(days)wd"
            return (displayWidth(text) <= width ? text : "-\(days)wd", .overdue)
        default:
            return ("", .none)
        }
    }

    enum DeadlineUrgency { case none, later, soon, overdue }

    static func shortName(_ kind: DeadlineKind) -> String {
        switch kind {
        case .keyDecisionNotice: "notice"
        case .papersDue: "papers"
        case .publication: "publish"
        case .callInEnds: "call-in"
        case .effectiveFrom: "effect"
        case .scrutinyMeeting: "scrutiny"
        }
    }

    static func draw(_ state: AppState, context: DashboardContext, into painter: inout Painter, column: Int, width: Int) {
        let c = columns(width: width)
        let theme = painter.theme
        var header = pad("DATE", toWidth: c.date) + " " + pad("KUCE", toWidth: c.flags) + " "
        if c.maker > 0 { header += pad("MAKER", toWidth: c.maker) + " " }
        header += pad("TITLE", toWidth: c.title)
        if c.stage > 0 { header += " " + pad("STAGE", toWidth: c.stage) }
        if c.deadline > 0 { header += " " + pad("NEXT DUE", toWidth: c.deadline) }
        painter.bar(header, row: 1, column: column, width: width, style: theme.header)

        let words = state.filter.searchWords
        let window = state.register
        guard let total = window.total else {
            painter.text("Loading…", row: 2, column: column + 1, width: width - 1, style: theme.dim)
            return
        }
        if total == 0 {
            let why = state.filter.summary.isEmpty ? "The register is empty. Import records with `cabinet import FILE`."
                : "No decision matches \(state.filter.summary). Press x to clear filters."
            for (i, line) in wrap(why, width: max(10, width - 2)).enumerated() {
                painter.text(line, row: 3 + i, column: column + 1, width: width - 1, style: theme.dim)
            }
            return
        }
        for line in 0..<state.listHeight {
            let index = window.scroll + line
            guard index < total, let entry = window.row(at: index) else { break }
            let d = entry.decision
            let row = 2 + line
            let isSelected = index == window.cursor
            let base = isSelected ? theme.selected : theme.normal
            if isSelected { painter.bar("", row: row, column: column, width: width, style: base) }
            var x = column
            x += painter.text(pad(d.registerDate?.iso ?? "—", toWidth: c.date) + " ", row: row, column: x, width: c.date + 1, style: base)
            x += painter.text(flags(d) + " ", row: row, column: x, width: c.flags + 1, style: isSelected ? base : theme.flag)
            if c.maker > 0 {
                x += painter.text(pad(truncate(d.decisionMaker, toWidth: c.maker), toWidth: c.maker) + " ", row: row, column: x,
                                  width: c.maker + 1, style: base)
            }
            let used = painter.highlighted(truncate(d.title, toWidth: c.title), words: words, row: row, column: x, width: c.title, style: base)
            if used < c.title { painter.text(String(repeating: " ", count: c.title - used), row: row, column: x + used, width: c.title - used, style: base) }
            x += c.title
            if c.stage > 0 {
                x += painter.text(" " + pad(d.stage.label, toWidth: c.stage), row: row, column: x, width: c.stage + 1, style: base)
            }
            if c.deadline > 0 {
                let (text, urgency) = deadlineText(entry.nextDeadline, width: c.deadline)
                let style: Style
                switch urgency {
                case _ where isSelected: style = base
                case .overdue: style = theme.overdue
                case .soon: style = theme.dueSoon
                default: style = theme.normal
                }
                painter.text(" " + pad(text, toWidth: c.deadline), row: row, column: x, width: c.deadline + 1, style: style)
            }
        }
    }
}
