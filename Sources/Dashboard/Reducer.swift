import Decisions
import DecisionStore
import Terminal

/// What reaches the dashboard from outside.
public enum Input: Sendable, Equatable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// A periodic tick: time to look for changes made by others.
    case tick
}

/// Work the reducer asks for; the app performs it against the store and updates the state.
public enum Effect: Sendable, Equatable {
    /// Count and fetch the register again (filters, search or sort changed).
    case reloadRegister
    /// Fetch the rows now visible, if not held.
    case fillRegister
    case loadDetail(Int64)
    case loadMeetings
    case fillMeetings
    case loadAgenda(Int64)
    case loadDue
    /// Work out what the chosen transition would do, or why it is refused.
    case previewTransition
    case applyTransition
    case checkForChanges
    /// Count every match (the count was capped), then go to the last row.
    case countAllThenGoToEnd
    case loadPlans
    case saveAction
    case confirmAction(Int64)
    case quit
}

/// The dashboard's update function: state and input in, new state and effects out.
public enum Reducer {
    public static func reduce(_ state: inout AppState, _ input: Input, keymap: Keymap) -> [Effect] {
        switch input {
        case .resize(let width, let height):
            state.width = width; state.height = height
            state.register.keepCursorVisible(visible: state.listHeight)
            state.meetings.keepCursorVisible(visible: state.listHeight)
            state.due.keepCursorVisible(visible: state.listHeight)
            return [.fillRegister]
        case .tick:
            return [.checkForChanges]
        case .key(let key):
            if state.dialog != nil { return dialogKey(&state, key) }
            if state.prompt != nil { return promptKey(&state, key) }
            state.message = nil; state.isError = false
            guard let command = keymap.command(for: key, in: context(of: state.screen)) else {
                if case .mouse(let event) = key { return mouse(&state, event) }
                return []
            }
            return perform(&state, command)
        }
    }

    static func context(of screen: ScreenKind) -> KeyContext {
        switch screen {
        case .register: .register
        case .detail: .detail
        case .meetings, .agenda: .meetings
        case .due: .due
        case .plans, .help: .global
        }
    }

    static func go(_ state: inout AppState, to screen: ScreenKind) {
        guard state.screen != screen else { return }
        state.history.append(state.screen)
        state.screen = screen
    }

    // MARK: Commands

    static func perform(_ state: inout AppState, _ command: Command) -> [Effect] {
        let page = state.listHeight
        switch command {
        case .quit:
            state.quitting = true
            return [.quit]
        case .help:
            state.helpScroll = 0
            go(&state, to: .help)
            return []
        case .back:
            guard let previous = state.history.popLast() else {
                if state.screen != .register { state.screen = .register; return [.fillRegister] }
                return []
            }
            state.screen = previous
            return previous == .register ? [.fillRegister] : []
        case .showRegister:
            state.history.removeAll(); state.screen = .register
            return [.fillRegister]
        case .showMeetings:
            state.history = [.register]; state.screen = .meetings
            return [.loadMeetings]
        case .showDue:
            state.history = [.register]; state.screen = .due
            return [.loadDue]
        case .confirmAction:
            guard state.screen == .due, let line = state.due.selected, line.isProposed, let id = line.actionID else {
                state.message = "Select a proposed action on the due screen to confirm it"
                return []
            }
            if !(state.actor.role == .officer || state.actor.role == .admin) {
                state.message = "Confirming actions needs the officer role"; state.isError = true
                return []
            }
            return [.confirmAction(id)]
        case .showPlans:
            state.history = [.register]; state.screen = .plans; state.plansScroll = 0
            return [.loadPlans]
        case .addAction:
            guard state.screen == .detail, state.detail != nil else { return [] }
            if state.isReadOnly || !(state.actor.role == .officer || state.actor.role == .admin) {
                state.message = "Adding actions needs the officer role"; state.isError = true
                return []
            }
            state.prompt = Prompt(purpose: .action, label: "Action (YYYY-MM-DD [(c)] [every bi-monthly] what)", text: "")
            return []
        case .refresh:
            return [.reloadRegister] + (state.detail.map { [.loadDetail($0.decision.id!)] } ?? [])
        case .moveDown: return move(&state, by: 1)
        case .moveUp: return move(&state, by: -1)
        case .pageDown: return move(&state, by: page)
        case .pageUp: return move(&state, by: -page)
        case .halfPageDown: return move(&state, by: max(1, page / 2))
        case .halfPageUp: return move(&state, by: -max(1, page / 2))
        case .top: return move(&state, by: Int.min / 2)
        case .bottom:
            if state.screen == .register && state.registerCountIsCapped { return [.countAllThenGoToEnd] }
            return move(&state, by: Int.max / 2)
        case .open:
            return open(&state)
        case .toggleKey: state.filter.keyOnly.toggle(); return filterChanged(&state)
        case .toggleUrgent: state.filter.urgentOnly.toggle(); return filterChanged(&state)
        case .toggleCallIn: state.filter.callInOnly.toggle(); return filterChanged(&state)
        case .toggleExempt: state.filter.exemptOnly.toggle(); return filterChanged(&state)
        case .cycleStage:
            let stages: [Stage?] = [nil] + Stage.allCases.map { $0 }
            let index = stages.firstIndex(of: state.filter.stage) ?? 0
            state.filter.stage = stages[(index + 1) % stages.count]
            return filterChanged(&state)
        case .filterMaker:
            state.prompt = Prompt(purpose: .maker, label: "Decision maker contains", text: state.filter.maker ?? "")
            return []
        case .filterDates:
            let current = [state.filter.from?.iso ?? "", state.filter.to?.iso ?? ""].joined(separator: "..")
            state.prompt = Prompt(purpose: .dates, label: "Dates (YYYY-MM-DD..YYYY-MM-DD)", text: current == ".." ? "" : current)
            return []
        case .clearFilters:
            let sort = state.filter.sort, access = state.filter.access
            state.filter = DecisionFilter(sort: sort, access: access)
            return filterChanged(&state)
        case .search:
            if state.screen != .register { state.history.removeAll(); state.screen = .register }
            state.prompt = Prompt(purpose: .search, label: "/", text: state.filter.search ?? "")
            return []
        case .nextMatch, .previousMatch:
            let step = command == .nextMatch ? 1 : -1
            if state.screen == .detail { return scrollDetailToMatch(&state, step: step) }
            guard !state.filter.searchWords.isEmpty else {
                state.message = "No search: press / to search"
                return []
            }
            return move(&state, by: step)
        case .cycleSort:
            let orders = RegisterOrder.allCases
            state.filter.sort = orders[((orders.firstIndex(of: state.filter.sort) ?? 0) + 1) % orders.count]
            state.message = "Sorted by \(sortLabel(state.filter.sort))"
            return filterChanged(&state)
        case .transition:
            return startTransition(&state)
        }
    }

    static func sortLabel(_ order: RegisterOrder) -> String {
        switch order {
        case .newest: "date, newest first"
        case .oldest: "date, oldest first"
        case .title: "title"
        case .deadline: "next deadline"
        }
    }

    static func filterChanged(_ state: inout AppState) -> [Effect] {
        state.register.cursor = 0
        state.register.scroll = 0
        if state.screen != .register && state.screen != .detail { state.history.removeAll(); state.screen = .register }
        return [.reloadRegister]
    }

    static func move(_ state: inout AppState, by delta: Int) -> [Effect] {
        let page = state.listHeight
        switch state.screen {
        case .register:
            state.register.move(by: delta, visible: page)
            var effects: [Effect] = [.fillRegister]
            if state.isSplit, let id = state.register.selected?.id { effects.append(.loadDetail(id)) }
            return effects
        case .meetings:
            state.meetings.move(by: delta, visible: page)
            return [.fillMeetings]
        case .due:
            state.due.move(by: delta, visible: page)
            return []
        case .detail:
            state.detailScroll = max(0, clampedAdd(state.detailScroll, delta))
            return []
        case .agenda:
            state.agendaScroll = max(0, clampedAdd(state.agendaScroll, delta))
            return []
        case .help:
            state.helpScroll = max(0, clampedAdd(state.helpScroll, delta))
            return []
        case .plans:
            state.plansScroll = max(0, clampedAdd(state.plansScroll, delta))
            return []
        }
    }

    static func clampedAdd(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? Int.max / 2 : 0) : min(sum, Int.max / 2)
    }

    static func open(_ state: inout AppState) -> [Effect] {
        switch state.screen {
        case .register:
            guard let id = state.register.selected?.id else { return [] }
            state.detailScroll = 0
            go(&state, to: .detail)
            return [.loadDetail(id)]
        case .meetings:
            guard let meeting = state.meetings.selected else { return [] }
            state.agendaScroll = 0
            go(&state, to: .agenda)
            return [.loadAgenda(meeting.id)]
        case .due:
            // Actions not tied to a decision have nothing to open.
            guard let line = state.due.selected, line.decisionID != 0 else { return [] }
            state.detailScroll = 0
            go(&state, to: .detail)
            return [.loadDetail(line.decisionID)]
        case .detail, .agenda, .help, .plans:
            return []
        }
    }

    static func scrollDetailToMatch(_ state: inout AppState, step: Int) -> [Effect] {
        guard state.detail != nil else { return [] }
        let words = state.filter.searchWords
        guard !words.isEmpty else { state.message = "No search: press / in the register to search"; return [] }
        let lines = state.detailLines()
        let matching = lines.indices.filter { index in
            let lower = lines[index].text.lowercased()
            return words.contains { lower.contains($0) }
        }
        let target = step > 0 ? matching.first { $0 > state.detailScroll } : matching.last { $0 < state.detailScroll }
        if let target { state.detailScroll = target } else { state.message = "No more matches" }
        return []
    }

    static func mouse(_ state: inout AppState, _ event: MouseEvent) -> [Effect] {
        switch event.kind {
        case .wheelDown: return move(&state, by: 3)
        case .wheelUp: return move(&state, by: -3)
        case .press:
            guard state.screen == .register, event.row >= 2, event.row < 2 + state.listHeight else { return [] }
            let index = state.register.scroll + event.row - 2
            guard let total = state.register.total, index < total else { return [] }
            return move(&state, by: index - state.register.cursor)
        default:
            return []
        }
    }

    // MARK: Prompt

    static func promptKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var prompt = state.prompt else { return [] }
        switch key {
        case .escape:
            state.prompt = nil
            if prompt.purpose == .search {
                // Esc abandons the search as typed.
                state.filter.search = nil
                return filterChanged(&state)
            }
            return []
        case .enter:
            state.prompt = nil
            return commitPrompt(&state, prompt)
        case .backspace:
            if !prompt.text.isEmpty { prompt.text.removeLast() }
        case .ctrl("u"):
            prompt.text = ""
        case .char(let c):
            prompt.text.append(c)
        default:
            return []
        }
        state.prompt = prompt
        if prompt.purpose == .search {
            // Incremental: results follow every keystroke.
            state.filter.search = prompt.text.isEmpty ? nil : prompt.text
            return filterChanged(&state)
        }
        return []
    }

    static func commitPrompt(_ state: inout AppState, _ prompt: Prompt) -> [Effect] {
        let text = prompt.text.trimmingCharacters(in: .whitespaces)
        switch prompt.purpose {
        case .search:
            state.filter.search = text.isEmpty ? nil : text
            return filterChanged(&state)
        case .maker:
            state.filter.maker = text.isEmpty ? nil : text
            return filterChanged(&state)
        case .dates:
            if text.isEmpty { state.filter.from = nil; state.filter.to = nil; return filterChanged(&state) }
            let parts = text.components(separatedBy: "..").map { $0.trimmingCharacters(in: .whitespaces) }
            let from = parts.first.flatMap { $0.isEmpty ? nil : $0 }
            let to = parts.count > 1 ? (parts[1].isEmpty ? nil : parts[1]) : nil
            let fromDate = from.flatMap { CivilDate(iso: $0) }, toDate = to.flatMap { CivilDate(iso: $0) }
            if (from != nil && fromDate == nil) || (to != nil && toDate == nil) || parts.count > 2 {
                state.message = "Dates must be YYYY-MM-DD..YYYY-MM-DD (either side may be empty)"
                state.isError = true
                return []
            }
            state.filter.from = fromDate; state.filter.to = toDate
            return filterChanged(&state)
        case .reason:
            return []
        case .action:
            guard let decision = state.detail?.decision else { return [] }
            var words = text.split(separator: " ").map(String.init)
            guard let first = words.first, let due = CivilDate(iso: first) else {
                state.message = "Start with the due date: YYYY-MM-DD, then (optionally) every bi-monthly, then what"
                state.isError = true
                return []
            }
            words.removeFirst()
            // "(c)" or "2." names the resolution the action arises from.
            var label: String?
            if let next = words.first, decision.resolutions.contains(where: { $0.label == next }) {
                label = next
                words.removeFirst()
            }
            var recurrence: Recurrence?
            if words.first == "every", words.count > 1 {
                if let r = Recurrence(text: words[1]) { recurrence = r; words.removeFirst(2) }
                else if words.count > 2, let r = Recurrence(text: words[1] + " " + words[2]) { recurrence = r; words.removeFirst(3) }
            }
            let what = words.joined(separator: " ")
            guard !what.isEmpty else { state.message = "Say what is to be done after the date"; state.isError = true; return [] }
            state.pendingAction = FollowUpAction(text: what, due: due, recurrence: recurrence, decisionID: decision.id,
                                                 resolutionLabel: label)
            return [.saveAction]
        }
    }

    // MARK: Transitions

    static func startTransition(_ state: inout AppState) -> [Effect] {
        if state.isReadOnly {
            state.message = "Read-only: your role (viewer) cannot change decisions"
            state.isError = true
            return []
        }
        let decision: Decision?
        let choices: [TransitionKind]
        switch state.screen {
        case .register:
            decision = state.register.selected
            choices = decision.map { Workflow.available(for: $0, actor: state.actor) } ?? []
        case .detail:
            decision = state.detail?.decision
            choices = state.detail?.transitions ?? []
        default:
            return []
        }
        guard let decision, let id = decision.id else { return [] }
        guard !choices.isEmpty else {
            state.message = "No transition your role (\(state.actor.role.rawValue)) may make from stage \(decision.stage.label)"
            state.isError = true
            return []
        }
        state.dialog = TransitionDialog(decisionID: id, decisionTitle: decision.title, version: decision.version, choices: choices)
        return []
    }

    static func dialogKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var dialog = state.dialog else { return [] }
        if dialog.chosen == nil {
            switch key {
            case .escape, .char("q"):
                state.dialog = nil
                return []
            case .char(let c):
                guard let index = TransitionMenu.index(of: c), dialog.choices.indices.contains(index) else { return [] }
                dialog.chosen = dialog.choices[index]
                state.dialog = dialog
                return [.previewTransition]
            default:
                return []
            }
        }
        switch key {
        case .escape:
            // Back to the choice, then out.
            dialog.chosen = nil; dialog.reason = ""; dialog.refusal = nil; dialog.explanation = ""
            state.dialog = dialog
        case .enter:
            if dialog.refusal != nil { state.dialog = nil; return [] }
            if dialog.chosen!.requiresReason && dialog.reason.trimmingCharacters(in: .whitespaces).isEmpty {
                state.message = "A reason is required for \(dialog.chosen!.label)"
                state.isError = true
                return []
            }
            return [.applyTransition]
        case .backspace:
            if !dialog.reason.isEmpty { dialog.reason.removeLast() }
            state.dialog = dialog
        case .char(let c):
            guard dialog.refusal == nil else { return [] }
            dialog.reason.append(c)
            state.dialog = dialog
        default:
            break
        }
        return []
    }
}

/// Letters that pick a transition in the dialog: a, b, c...
enum TransitionMenu {
    static let letters = Array("abcdefghijklmnop")
    static func index(of c: Character) -> Int? { letters.firstIndex(of: c) }
    static func letter(_ index: Int) -> Character { letters[index] }
}

import Foundation
