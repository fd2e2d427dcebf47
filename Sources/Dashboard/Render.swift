import Decisions
import DecisionStore
import Terminal

/// Draws the whole frame from the state: title bar, the screen, status and key hints,
/// and any prompt or dialog on top.
public enum Render {
    public static func frame(_ state: AppState, context: DashboardContext) -> Grid {
        var painter = Painter(width: max(1, state.width), height: max(1, state.height), theme: context.theme)
        let width = state.width, height = state.height
        guard width >= 20, height >= 6 else {
            painter.text("Terminal too small", row: 0, column: 0, width: width, style: context.theme.error)
            return painter.grid
        }
        let title = " Cabinet Desk · " + (state.form?.title ?? screenTitle(state))
        let who = "\(state.actor.login) (\(state.actor.role.rawValue.replacingOccurrences(of: "_", with: " "))) · \(state.today.iso) "
        painter.bar(title, row: 0, width: width, style: context.theme.titleBar)
        if displayWidth(title) + displayWidth(who) < width {
            painter.text(who, row: 0, column: width - displayWidth(who), width: displayWidth(who), style: context.theme.titleBar)
        }

        switch state.screen {
        case .register:
            if state.isSplit {
                let left = RegisterSplit.registerWidth(width)
                RegisterView.draw(state, context: context, into: &painter, column: 0, width: left)
                for row in 1..<(height - 2) { painter.text("│", row: row, column: left, width: 1, style: context.theme.dim) }
                DetailView.draw(state, into: &painter, column: left + 1, width: width - left - 1, top: 1, height: height - 3)
            } else {
                RegisterView.draw(state, context: context, into: &painter, column: 0, width: width)
            }
        case .detail:
            DetailView.draw(state, into: &painter, column: 0, width: width, top: 1, height: height - 3)
        case .meetings:
            MeetingsView.draw(state, into: &painter, width: width)
        case .agenda:
            MeetingsView.drawAgenda(state, into: &painter, width: width)
        case .due:
            DueView.draw(state, into: &painter, width: width)
        case .help:
            HelpView.draw(state, keymap: context.keymap, into: &painter, width: width)
        case .plans:
            PlansView.draw(state, into: &painter, width: width)
        case .publications:
            PublicationsView.draw(state, into: &painter, width: width)
        }

        if let form = state.form { FormView.draw(form, state: state, into: &painter) }
        drawStatus(state, context: context, into: &painter)
        if let dialog = state.dialog { DialogView.draw(dialog, state: state, into: &painter) }
        painter.grid.cursor = cursor(state, in: painter.grid)
        return painter.grid
    }

    /// Where screen readers and braille displays are to follow (as neomutt's braille_friendly):
    /// at the caret, shown, where text is being typed; else on the selected row.
    static func cursor(_ state: AppState, in grid: Grid) -> Cursor {
        let typing: Range<Int>? = if state.dialog?.chosen != nil && state.dialog?.refusal == nil { 1..<(state.height - 1) }
            else if state.form != nil { 1..<(state.height - 2) }
            else if state.prompt != nil { (state.height - 2)..<(state.height - 1) }
            else { nil }
        if let rows = typing, let caret = caretCell(in: grid, rows: rows) { return Cursor(row: caret.row, column: caret.column, visible: true) }
        func selected<Row>(_ window: ListWindow<Row>) -> Cursor {
            Cursor(row: min(state.height - 3, 2 + max(0, window.cursor - window.scroll)), column: 0, visible: false)
        }
        switch state.screen {
        case .register: return selected(state.register)
        case .meetings: return selected(state.meetings)
        case .due: return selected(state.due)
        default: return Cursor(row: 1, column: 0, visible: false)
        }
    }

    /// The cell holding the caret glyph the views draw after typed text.
    static func caretCell(in grid: Grid, rows: Range<Int>) -> (row: Int, column: Int)? {
        for row in rows where row >= 0 && row < grid.height {
            for column in 0..<grid.width where grid[row, column].character == "▏" { return (row, column) }
        }
        return nil
    }

    static func screenTitle(_ state: AppState) -> String {
        switch state.screen {
        case .register: "Register"
        case .detail: "Decision #\(state.detail?.decision.id.map(String.init) ?? "")"
        case .meetings: "Meetings"
        case .agenda: "Agenda"
        case .due: "Due"
        case .plans: "Plans"
        case .help: "Help"
        case .publications: "Publications"
        }
    }

    static func drawStatus(_ state: AppState, context: DashboardContext, into painter: inout Painter) {
        let width = state.width, theme = context.theme
        let statusRow = state.height - 2, hintRow = state.height - 1
        if let form = state.form {
            let line = form.focused
            painter.bar(" \(form.title) · field \(form.focus + 1) of \(form.lines.count): \(line.label)", row: statusRow, width: width, style: theme.status)
            painter.bar(" Tab next  S-Tab previous  Ctrl-E editor  Ctrl-O save  Esc cancel", row: hintRow, width: width, style: theme.dim)
            return
        }
        if let prompt = state.prompt {
            let label = prompt.label == "/" ? "/" : prompt.label + ": "
            painter.bar(label + prompt.text + "▏", row: statusRow, width: width, style: theme.status)
        } else if let message = state.message {
            painter.bar(" " + message, row: statusRow, width: width, style: state.isError ? theme.error : theme.status)
        } else {
            painter.bar(" " + statusText(state), row: statusRow, width: width, style: theme.status)
        }
        painter.bar(" " + hints(state, keymap: context.keymap, width: width - 1), row: hintRow, width: width, style: theme.dim)
    }

    static func statusText(_ state: AppState) -> String {
        switch state.screen {
        case .detail where state.detail != nil:
            let lines = state.detailLayout?.lines.count
                ?? DetailView.lines(state.detail!, width: DetailView.textWidth(state), today: state.today).count
            let height = state.height - 3
            let percent = lines <= height ? 100 : min(100, (min(state.detailScroll, lines - height) + height) * 100 / lines)
            return "Decision #\(state.detail!.decision.id.map(String.init) ?? "") · \(lines) lines · \(percent)% · "
                + "\(state.register.cursor + 1)/\(state.register.total ?? 0) in the register"
        case .register, .detail:
            let count = state.registerCounting ? "counting…" + (state.registerEstimate.map { " ≈\($0)" } ?? "") : state.register.total.map { "\($0) decision\($0 == 1 ? "" : "s")" } ?? "counting…"
            let position = state.registerCounting
                ? (state.register.total ?? 0 > 0 ? "\(state.register.cursor + 1)/…" : "")
                : state.register.total.map { $0 > 0 ? "\(state.register.cursor + 1)/\($0)" : "" } ?? ""
            let filters = state.filter.summary
            return [count, position, filters.isEmpty ? "no filters" : filters, "sort: \(Reducer.sortLabel(state.filter.sort))",
                    state.isReadOnly ? "read-only" : ""].filter { !$0.isEmpty }.joined(separator: " · ")
        case .meetings:
            return "\(state.meetings.total ?? 0) meetings"
        case .agenda:
            return "\(state.agenda?.items.count ?? 0) agenda items"
        case .due:
            let overdue = state.due.rows.filter(\.isOverdue).count
            return "\(state.due.total ?? 0) deadlines · \(overdue) overdue"
        case .plans:
            return "\(Set(state.measures.map(\.plan)).count) plans · \(state.measures.count) measures"
        case .help:
            return "Help"
        case .publications:
            return PublicationsView.status(state)
        }
    }

    /// The key hints for this screen, from the keymap in force, as many as fit.
    static func hints(_ state: AppState, keymap: Keymap, width: Int) -> String {
        let context = Reducer.context(of: state.screen)
        let commands: [(Command, String)]
        switch state.screen {
        case .register:
            commands = [(.open, "open"), (.search, "search")]
                + (state.isReadOnly ? [] : [(.transition, "decide")])
                + (RuleID.writeRecords.permits(state.actor.role) ? [(.newDecision, "new")] : [])
                + [(.toggleKey, "key"), (.cycleStage, "stage"), (.cycleSort, "sort"), (.showMeetings, "meetings"),
                   (.showDue, "due"), (.help, "help"), (.quit, "quit")]
        case .detail:
            commands = [(.back, "back"), (.moveDown, "scroll")] + (state.isReadOnly ? [] : [(.transition, "decide")])
                + (RuleID.writeRecords.permits(state.actor.role) ? [(.editDecision, "edit")] : [])
                + (RuleID.manageActions.permits(state.actor.role) ? [(.addAction, "action")] : [])
                + (RuleID.signCallIn.permits(state.actor.role) ? [(.signCallIn, "sign call-in")] : [])
                + [(.help, "help"), (.quit, "quit")]
        case .meetings:
            commands = [(.open, "open")] + (RuleID.writeRecords.permits(state.actor.role) ? [(.newMeeting, "new meeting")] : []) + [(.back, "back"), (.showRegister, "register"), (.help, "help"), (.quit, "quit")]
        case .due:
            commands = [(.open, "open"), (.confirmAction, "confirm proposed"), (.back, "back"), (.showRegister, "register"),
                        (.help, "help"), (.quit, "quit")]
        case .agenda:
            commands = [(.back, "back"), (.moveDown, "scroll")]
                + (RuleID.writeRecords.permits(state.actor.role) ? [(.addToAgenda, "add decision"), (.addAgendaItem, "add item"), (.moveAgendaItem, "move"), (.removeAgendaItem, "remove"), (.recordAttendance, "attendance"), (.declareInterest, "interest")] : []) + [(.help, "help"), (.quit, "quit")]
        case .help, .plans:
            commands = [(.back, "back"), (.moveDown, "scroll"), (.quit, "quit")]
        case .publications:
            commands = (state.publications.preview == nil ? [(.open, "preview")] : [(.moveDown, "scroll")])
                + (RuleID.publishDocuments.permits(state.actor.role) ? [(.publish, "publish")] : [])
                + [(.back, "back"), (.help, "help"), (.quit, "quit")]
        }
        var text = ""
        // Help and quit always show: reserve room for them.
        let essentials = commands.suffix(2)
        for (index, (command, label)) in commands.enumerated() {
            guard let key = keymap.keys(for: command, in: context).first else { continue }
            let hint = "\(key.displayName) \(label)"
            let remainingEssentials = commands[(index + 1)...].suffix(2).filter { pair in essentials.contains { $0.0 == pair.0 } }
            let needed = remainingEssentials.reduce(0) { total, pair in
                total + 2 + displayWidth("\(keymap.keys(for: pair.0, in: context).first?.displayName ?? "") \(pair.1)")
            }
            if displayWidth(text) + displayWidth(hint) + 2 + needed > width { continue }
            text += (text.isEmpty ? "" : "  ") + hint
        }
        return text
    }
}

/// The confirmation dialog of a transition, centred over the screen.
enum DialogView {
    static func draw(_ dialog: TransitionDialog, state: AppState, into painter: inout Painter) {
        let theme = painter.theme
        let width = min(state.width - 4, 72)
        var lines: [(String, Style)] = []
        lines.append(("Decide: " + sanitizeForTerminal(dialog.decisionTitle), theme.dialog))
        lines.append(("", theme.normal))
        if let chosen = dialog.chosen {
            lines.append((chosen.label, theme.heading))
            if let refusal = dialog.refusal {
                lines.append(("Refused — nothing was changed:", theme.overdue))
                for l in wrap(refusal, width: width - 4) { lines.append((l, theme.normal)) }
                lines.append(("", theme.normal))
                lines.append(("Enter or Esc to close", theme.dim))
            } else {
                let needs = chosen.requiresReason ? "Reason (required): " : "Reason (optional): "
                let input = wrap(needs + dialog.reason + "▏", width: width - 4).map { ($0, theme.dialog) }
                var explanation = wrap(dialog.explanation, width: width - 4).map { ($0, theme.normal) }
                // On a small terminal the explanation gives way: the line being typed is always shown.
                let room = max(1, state.height - 2) - 2 - lines.count - input.count - 3
                if explanation.count > room {
                    explanation = Array(explanation.prefix(max(0, room - 1))) + [("… (a larger window shows the rest)", theme.dim)]
                }
                lines += explanation
                lines.append(("", theme.normal))
                lines += input
                lines.append(("", theme.normal))
                lines.append(("Enter to confirm · Ctrl-E editor · Esc to go back", theme.dim))
            }
        } else {
            for (index, kind) in dialog.choices.enumerated() {
                lines.append(("  \(TransitionMenu.letter(index))  \(kind.label)", theme.normal))
            }
            lines.append(("", theme.normal))
            lines.append(("Press a letter · Esc to cancel", theme.dim))
        }
        let height = min(state.height - 2, lines.count + 2)
        let top = max(1, (state.height - height) / 2)
        let left = max(0, (state.width - width) / 2)
        painter.bar("┌" + String(repeating: "─", count: width - 2) + "┐", row: top, column: left, width: width, style: theme.dialog)
        for i in 0..<(height - 2) {
            let (text, style) = lines[i]
            painter.bar("│ ", row: top + 1 + i, column: left, width: 2, style: theme.dialog)
            painter.bar(pad(truncate(text, toWidth: width - 4), toWidth: width - 4), row: top + 1 + i, column: left + 2, width: width - 4, style: style)
            painter.bar(" │", row: top + 1 + i, column: left + width - 2, width: 2, style: theme.dialog)
        }
        painter.bar("└" + String(repeating: "─", count: width - 2) + "┘", row: top + height - 1, column: left, width: width, style: theme.dialog)
    }
}
