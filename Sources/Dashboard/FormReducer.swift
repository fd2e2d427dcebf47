import Decisions
import DecisionStore
import Desk
import Terminal

/// One field as the form submits it.
public struct FormEntry: Sendable, Equatable {
    public var field: DecisionField
    public var text: String
}

/// The form's keys: Tab and Shift-Tab (or ↑ ↓) move between fields, each checked as it is left;
/// Enter goes on (and opens `$EDITOR` on long text); Ctrl-E opens `$EDITOR` on any field;
/// Ctrl-O saves (as nano writes out: Ctrl-S would stop the terminal); Esc cancels.
/// Where text edited in `$EDITOR` goes back to, besides a form's lines (0, 1, 2…).
enum ExternalEditTarget {
    static let dialog = -2
    static let prompt = -3
}

enum FormKeys {
    static let save: Key = .ctrl("o")
    static let editor: Key = .ctrl("e")
}

extension Reducer {
    // MARK: Opening

    static func startNewDecision(_ state: inout AppState) -> [DashboardCommand] {
        guard RuleID.writeRecords.permits(state.actor.role) else {
            state.message = "Recording decisions needs the officer role (rule \(RuleID.writeRecords.id)); \(state.actor.login) is \(state.actor.role.rawValue)"
            state.isError = true
            return []
        }
        return [.openAuthoring(decisionID: nil)]
    }

    static func startEdit(_ state: inout AppState) -> [DashboardCommand] {
        guard RuleID.writeRecords.permits(state.actor.role) else {
            state.message = "Editing decisions needs the officer role (rule \(RuleID.writeRecords.id)); \(state.actor.login) is \(state.actor.role.rawValue)"
            state.isError = true
            return []
        }
        let id = state.screen == .detail ? state.detail?.decision.id : state.register.selected?.id
        return id.map { [.openAuthoring(decisionID: $0)] } ?? []
    }

    static func authoringLoaded(_ state: inout AppState, _ setup: AuthoringSetup) -> [DashboardCommand] {
        state.form = DecisionForm(setup: setup)
        state.message = nil
        return []
    }

    // MARK: Keys

    static func formKey(_ state: inout AppState, _ key: Key) -> [DashboardCommand] {
        guard var form = state.form, !form.saving else { return [] }
        let today = state.today
        switch key {
        case .escape:
            let changed = form.lines.contains { $0.text != $0.original } && !(form.purpose == .new && form.values.isEmpty)
            if changed && form.banner != discardWarning {
                form.banner = discardWarning
                state.form = form
                return []
            }
            state.form = nil
            state.message = form.purpose == .new ? "No decision recorded" : "Nothing changed"
            return []
        case .tab, .down:
            form.check(form.focus, today: today)
            form.focus = min(form.lines.count - 1, form.focus + 1)
        case .backTab, .up:
            form.check(form.focus, today: today)
            form.focus = max(0, form.focus - 1)
        case .enter:
            if form.focused.isLong { return openEditor(&state, form) }
            form.check(form.focus, today: today)
            form.focus = min(form.lines.count - 1, form.focus + 1)
        case FormKeys.editor:
            return openEditor(&state, form)
        case FormKeys.save:
            return save(&state, form)
        case .backspace:
            if !form.lines[form.focus].text.isEmpty { form.lines[form.focus].text.removeLast() }
        case .ctrl("u"):
            form.lines[form.focus].text = ""
        case .char(let c):
            form.lines[form.focus].text.append(c)
            if form.lines[form.focus].problem != nil { form.lines[form.focus].problem = nil }
        default:
            return []
        }
        if form.banner == discardWarning { form.banner = nil }
        state.form = form
        return []
    }

    static let discardWarning = "Esc again to discard what you typed · Ctrl-O to save it"

    static func openEditor(_ state: inout AppState, _ form: DecisionForm) -> [DashboardCommand] {
        let line = form.focused
        return [.editExternally(line: form.focus, label: line.label, text: line.text)]
    }

    static func externalEditFinished(_ state: inout AppState, line: Int, text: String?, error: String?) -> [DashboardCommand] {
        var edited = text ?? ""
        while edited.hasSuffix("\n") { edited.removeLast() }
        if line == ExternalEditTarget.dialog, var dialog = state.dialog {
            if let error { state.message = error; state.isError = true } else { dialog.reason = edited }
            state.dialog = dialog
            return []
        }
        if line == ExternalEditTarget.prompt, var prompt = state.prompt {
            if let error { state.message = error; state.isError = true } else { prompt.text = edited }
            state.prompt = prompt
            return []
        }
        guard var form = state.form, form.lines.indices.contains(line) else { return [] }
        if let error {
            form.banner = error
        } else if let text {
            // The editor's last newline is not part of the text.
            var edited = text
            while edited.hasSuffix("\n") { edited.removeLast() }
            form.lines[line].text = edited
            form.check(line, today: state.today)
            form.banner = nil
        }
        state.form = form
        return []
    }

    static func save(_ state: inout AppState, _ form: DecisionForm) -> [DashboardCommand] {
        var form = form
        form.check(form.focus, today: state.today)
        if let bad = form.lines.firstIndex(where: { $0.problem != nil }) {
            form.focus = bad
            form.banner = "Not saved: put right the fields marked ✗"
            state.form = form
            return []
        }
        let entries = form.values.map { FormEntry(field: $0.field, text: $0.text) }
        form.saving = true
        form.banner = "Saving…"
        state.form = form
        switch form.purpose {
        case .new:
            return [.saveNewDecision(entries)]
        case .edit(let id, let version, _):
            if entries.isEmpty {
                state.form = nil
                state.message = "Nothing changed"
                return []
            }
            return [.saveEdit(decisionID: id, version: version, entries, reason: form.reason)]
        }
    }

    // MARK: Results

    static func formSaved(_ state: inout AppState, _ result: Result<Decision, AuthoringRefusal>, changed: [String]) -> [DashboardCommand] {
        guard var form = state.form else { return [] }
        form.saving = false
        switch result {
        case .success(let decision):
            state.form = nil
            let id = decision.id ?? 0
            switch form.purpose {
            case .new:
                state.message = "Recorded decision #\(id)" + (decision.meeting.map { " on the agenda of \($0.body) \($0.date?.iso ?? "")" } ?? "")
            case .edit:
                state.message = changed.isEmpty ? "Nothing changed" : "Saved #\(id): changed " + changed.joined(separator: ", ")
            }
            state.detailScroll = 0
            if state.screen != .detail { go(&state, to: .detail) }
            return [.readChangeToken(adopt: true), .loadRecord(id)] + reloadRegister(&state)
        case .failure(.fields(let problems)):
            form.show(problems.problems)
            state.form = form
        case .failure(.permission(let refusal)):
            form.banner = refusal.description.replacingOccurrences(of: "\n", with: " ")
            if refusal.rule == .publishedRecordIsCorrected, let reason = form.lines.firstIndex(where: { $0.field == nil }) {
                form.focus = reason
                form.lines[reason].problem = "required: why the published record is corrected"
            }
            state.form = form
        }
        return []
    }

    static func formSaveFailed(_ state: inout AppState, _ text: String) -> [DashboardCommand] {
        guard var form = state.form else { state.message = text; state.isError = true; return [] }
        form.saving = false
        // Nothing typed is lost: the form stays open with the person's text.
        form.banner = text
        state.form = form
        return []
    }

    // MARK: Agendas, meetings, going to a decision

    static func startGoTo(_ state: inout AppState) -> [DashboardCommand] {
        state.prompt = Prompt(purpose: .goTo, label: "Go to decision number", text: "")
        return []
    }

    static func startAddToAgenda(_ state: inout AppState) -> [DashboardCommand] {
        guard state.screen == .agenda, state.agenda != nil else {
            state.message = "Open a meeting's agenda (2, then Enter) to put a decision on it"
            return []
        }
        guard RuleID.writeRecords.permits(state.actor.role) else {
            state.message = "Changing agendas needs the officer role (rule \(RuleID.writeRecords.id))"; state.isError = true
            return []
        }
        state.prompt = Prompt(purpose: .agendaDecision, label: "Put decision number on this agenda", text: "")
        return []
    }

    static func startNewMeeting(_ state: inout AppState) -> [DashboardCommand] {
        guard RuleID.writeRecords.permits(state.actor.role) else {
            state.message = "Creating meetings needs the officer role (rule \(RuleID.writeRecords.id))"; state.isError = true
            return []
        }
        state.prompt = Prompt(purpose: .newMeeting, label: "New meeting: body; YYYY-MM-DD; HH:MM; place", text: "Cabinet; ")
        return []
    }

    static func commitAuthoringPrompt(_ state: inout AppState, _ prompt: Prompt, text: String) -> [DashboardCommand] {
        switch prompt.purpose {
        case .goTo:
            guard let id = Int64(text.trimmingCharacters(in: .init(charactersIn: "# "))), id > 0 else {
                state.message = "Type the decision's number, e.g. 34"; state.isError = true
                return []
            }
            state.detailScroll = 0
            if state.screen != .detail { go(&state, to: .detail) }
            return [.loadRecord(id)]
        case .agendaDecision:
            guard let meeting = state.agenda?.meeting, let id = Int64(text.trimmingCharacters(in: .init(charactersIn: "# "))) else {
                state.message = "Type the decision's number, e.g. 250"; state.isError = true
                return []
            }
            return [.addToAgenda(meetingID: meeting.id, decisionID: id)]
        case .newMeeting:
            let parts = text.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count >= 2, !parts[0].isEmpty, let date = CivilDate(iso: parts[1]) else {
                state.message = "Give the body and the date: Cabinet; 2027-01-14; 18:00; Council Chamber"; state.isError = true
                return []
            }
            let time = parts.count > 2 && !parts[2].isEmpty ? parts[2] : nil
            let place = parts.count > 3 && !parts[3].isEmpty ? parts[3...].joined(separator: "; ") : nil
            return [.createMeeting(body: parts[0], date: date, time: time, place: place)]
        default:
            return []
        }
    }
}
