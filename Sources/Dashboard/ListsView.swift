import Decisions
import DecisionStore
import Terminal

/// Meetings by date, and the agenda of one meeting as a member reads it.
enum MeetingsView {
    static func draw(_ state: AppState, into painter: inout Painter, width: Int) {
        let normal = painter.theme.normal
        ListScreen.draw(state.meetings, height: state.listHeight, into: &painter, width: width,
                        header: pad("DATE", toWidth: 11) + pad("TIME", toWidth: 10) + pad("ITEMS", toWidth: 6) + "BODY",
                        empty: "No meetings yet. Import agenda pages or ModernGov meeting XML with `cabinet import`.") { m in
            let text = pad(m.date?.iso ?? "—", toWidth: 11) + pad(truncate(m.time ?? "", toWidth: 9), toWidth: 10) + pad(String(m.itemCount), toWidth: 6)
                + sanitizeForTerminal(m.body) + (m.location.map { " · " + sanitizeForTerminal($0) } ?? "")
            return (text, normal)
        }
    }

    static func agendaLines(_ meeting: MeetingSummary, _ items: [AgendaItem], width: Int) -> [DetailView.Line] {
        var out: [DetailView.Line] = []
        func add(_ text: String, _ tone: DetailView.Tone = .normal) { out.append(.init(text: text, tone: tone)) }
        add(sanitizeForTerminal(meeting.body), .title)
        add([meeting.date?.iso, meeting.time, meeting.location].compactMap { $0 }.map { sanitizeForTerminal($0) }.joined(separator: " · "), .dim)
        if !meeting.attendees.isEmpty {
            let names = meeting.attendees.map { a in
                sanitizeForTerminal(a.name) + ([a.role, a.attendance].compactMap { $0 }.isEmpty ? ""
                    : " (" + [a.role, a.attendance].compactMap { $0 }.map { sanitizeForTerminal($0) }.joined(separator: ", ") + ")")
            }
            for (i, line) in wrap("Attendance: " + names.joined(separator: "; "), width: width).enumerated() { add((i == 0 ? "" : "  ") + line, .dim) }
        }
        for item in items {
            add("")
            let number = item.number.map { sanitizeForTerminal($0) + " " } ?? ""
            for line in wrap(number + sanitizeForTerminal(item.title) + (item.isRestricted ? " [exempt]" : ""), width: width) { add(line, .heading) }
            if let text = item.text, !text.isEmpty {
                for line in wrap(sanitizeForTerminal(text, keepNewlines: true), width: width - 2) { add("  " + line) }
            }
            if let minutes = item.minutes, !minutes.isEmpty {
                add("  Minutes", .dim)
                for line in wrap(sanitizeForTerminal(minutes, keepNewlines: true), width: width - 4) { add("    " + line) }
            }
            if let decision = item.decision {
                add("  Decision (register #\(decision.id.map(String.init) ?? "—"), \(decision.stage.label))", .dim)
                for r in decision.resolutions {
                    for (i, line) in wrap(sanitizeForTerminal(r.text, keepNewlines: true), width: width - 8).enumerated() {
                        add((i == 0 ? "    " + pad(r.label ?? "•", toWidth: 4) : "        ") + line)
                    }
                }
            }
        }
        return out
    }

    static func drawAgenda(_ state: AppState, into painter: inout Painter, width: Int) {
        let theme = painter.theme
        guard let agenda = state.agenda else { return }
        let lines = agendaLines(agenda.meeting, agenda.items, width: width - 2)
        let height = state.height - 3
        let scroll = min(state.agendaScroll, max(0, lines.count - height))
        for i in 0..<height {
            guard scroll + i < lines.count else { break }
            let line = lines[scroll + i]
            let style: Style = switch line.tone {
            case .title: theme.dialog
            case .heading: theme.heading
            case .dim: theme.dim
            default: theme.normal
            }
            painter.text(line.text, row: 1 + i, column: 1, width: width - 1, style: style)
        }
    }
}

/// Deadlines across the register, overdue first.
enum DueView {
    static func draw(_ state: AppState, into painter: inout Painter, width: Int) {
        let stateWidth = 26, kindWidth = 20, dateWidth = 11
        let theme = painter.theme
        ListScreen.draw(state.due, height: state.listHeight, into: &painter, width: width,
                        header: pad("STATE", toWidth: stateWidth) + pad("DEADLINE", toWidth: kindWidth) + pad("DATE", toWidth: dateWidth) + "DECISION",
                        empty: "Nothing due.") { due in
            let text = pad(truncate(due.state, toWidth: stateWidth - 1), toWidth: stateWidth)
                + pad(truncate(due.kind, toWidth: kindWidth - 1), toWidth: kindWidth) + pad(due.date?.iso ?? "—", toWidth: dateWidth)
                + (due.decisionID == 0 ? "" : "#\(due.decisionID) ") + sanitizeForTerminal(due.title)
            return (text, due.isOverdue ? theme.overdue : theme.normal)
        }
    }
}

/// Help, generated from the keymap in force.
enum HelpView {
    static func lines(_ keymap: Keymap) -> [String] {
        var out = ["Keys in force (rebind in $XDG_CONFIG_HOME/cabinet-desk/keys.conf)", ""]
        for context in KeyContext.allCases {
            let bindings = keymap.bindings.filter { $0.context == context }
            guard !bindings.isEmpty else { continue }
            out.append(context == .global ? "Everywhere" : "In the \(context.rawValue) screen")
            var seen: [Command] = []
            for binding in bindings where !seen.contains(binding.command) {
                seen.append(binding.command)
                let keys = bindings.filter { $0.command == binding.command }.map { $0.key.displayName }.joined(separator: ", ")
                out.append("  " + pad(keys, toWidth: 18) + pad(binding.command.rawValue, toWidth: 16) + binding.command.help)
            }
            out.append("")
        }
        out.append("In a prompt: type, Backspace deletes, Ctrl-U clears, Enter accepts, Esc cancels.")
        out.append("In the decide dialog: a letter picks a transition; type a reason; Enter confirms; Esc goes back.")
        out.append("Flags: K key decision · U urgent · C subject to call-in · E exempt (Schedule 12A).")
        out.append("Next due: working days until the next statutory deadline; negative is overdue.")
        return out
    }

    static func draw(_ state: AppState, keymap: Keymap, into painter: inout Painter, width: Int) {
        let lines = Self.lines(keymap)
        let height = state.height - 3
        let scroll = min(state.helpScroll, max(0, lines.count - height))
        for i in 0..<height where scroll + i < lines.count {
            let line = lines[scroll + i]
            let style = line.hasPrefix(" ") || line.isEmpty ? painter.theme.normal : painter.theme.heading
            painter.text(line, row: 1 + i, column: 1, width: width - 1, style: style)
        }
    }
}

/// Improvement plans: each a table of measures with the latest reading, the target, whether
/// it is on track for its date, and a trend line of its readings.
enum PlansView {
    static func draw(_ state: AppState, into painter: inout Painter, width: Int) {
        let theme = painter.theme
        if state.measures.isEmpty {
            painter.text("No improvement plans yet. Import agenda items that state targets, or use `cabinet measures add`.",
                         row: 2, column: 1, width: width - 1, style: theme.dim)
            return
        }
        let nameWidth = max(12, width - 2 - 16 - 18 - 11 - 12 - 4)
        var lines: [(String, Style)] = []
        var plan = ""
        for m in state.measures {
            if m.plan != plan {
                plan = m.plan
                if !lines.isEmpty { lines.append(("", theme.normal)) }
                lines.append((sanitizeForTerminal(plan), theme.heading))
                lines.append((pad("MEASURE", toWidth: nameWidth) + " " + pad("LATEST", toWidth: 16) + pad("TARGET", toWidth: 18)
                              + pad("PROGRESS", toWidth: 11) + "TREND", theme.header))
            }
            func number(_ v: Double) -> String { (v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)) + (m.unit == "%" ? "%" : "") }
            let latest = m.latest.map { number($0.value) + " " + String($0.date.iso.prefix(7)) } ?? "—"
            let target = m.target.map { number($0) + (m.targetDate.map { " by " + String($0.iso.prefix(7)) } ?? "") } ?? "—"
            let progress = m.progress(today: state.today)
            let style: Style = switch progress {
            case .met, .onTrack: theme.met
            case .offTrack, .missed: theme.overdue
            default: theme.normal
            }
            lines.append((pad(truncate(sanitizeForTerminal(m.name), toWidth: nameWidth), toWidth: nameWidth) + " "
                          + pad(latest, toWidth: 16) + pad(target, toWidth: 18) + pad(progress.rawValue, toWidth: 11)
                          + m.sparkline(width: 12), style))
        }
        let height = state.height - 3
        let scroll = min(state.plansScroll, max(0, lines.count - height))
        for i in 0..<height where scroll + i < lines.count {
            painter.text(lines[scroll + i].0, row: 1 + i, column: 1, width: width - 1, style: lines[scroll + i].1)
        }
    }
}

/// A screen that is one list: a header, the visible window of rows, the selection bar.
enum ListScreen {
    static func draw<Row>(_ window: ListWindow<Row>, height: Int, into painter: inout Painter, width: Int, header: String,
                          empty: String, line: (Row) -> (String, Style)) {
        let theme = painter.theme
        painter.bar(header, row: 1, width: width, style: theme.header)
        guard let total = window.total else { return }
        if total == 0 {
            painter.text(empty, row: 3, column: 1, width: width - 1, style: theme.dim)
            return
        }
        for offset in 0..<height {
            let index = window.scroll + offset
            guard index < total, let row = window.row(at: index) else { break }
            let (text, style) = line(row)
            painter.bar(text, row: 2 + offset, width: width, style: index == window.cursor ? theme.selected : style)
        }
    }
}
