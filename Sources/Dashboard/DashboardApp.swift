import Foundation
import Decisions
import DecisionStore
import Terminal

/// What every view and effect needs besides the state: rules, calendar, keymap, theme.
public struct DashboardContext: Sendable {
    public var rules: CouncilRules
    public var calendar: WorkingCalendar
    public var keymap: Keymap
    public var theme: Theme

    public init(rules: CouncilRules, calendar: WorkingCalendar, keymap: Keymap, colour: Bool) {
        self.rules = rules; self.calendar = calendar; self.keymap = keymap
        theme = colour ? .colour : .monochrome
    }

    var deadlines: DeadlineCalculator { DeadlineCalculator(rules: rules, calendar: calendar) }

    func nextDeadline(_ decision: Decision, today: CivilDate) -> Deadline? {
        deadlines.nextDeadline(for: decision, today: today)
    }
}

/// The running dashboard: holds the state, performs the reducer's effects against the
/// store, and renders frames. The same object drives the terminal, the tests and the benchmark.
@MainActor
public final class DashboardApp {
    public private(set) var state: AppState
    public let context: DashboardContext
    public let store: DecisionStore
    /// Rows fetched around the visible window, so small moves need no query.
    public let margin: Int
    private var lastChangeToken: Int64 = 0

    public init(store: DecisionStore, actor: Actor, today: CivilDate, context: DashboardContext, width: Int, height: Int,
                margin: Int = 40) {
        self.store = store
        self.context = context
        self.margin = margin
        state = AppState(width: width, height: height, today: today, actor: actor)
        state.filter.access = actor.mayReadAllExempt ? .full : .publicFieldsOnly
        state.colour = context.theme.titleBar != Theme.monochrome.titleBar
    }

    /// Loads the first screen.
    public func start() {
        lastChangeToken = (try? store.changeToken()) ?? 0
        perform([.reloadRegister])
    }

    public func handle(_ input: Input) {
        perform(Reducer.reduce(&state, input, keymap: context.keymap))
    }

    public func render() -> Grid {
        // Lay the record out once for this width; frames and scrolling reuse it.
        if state.detail != nil && (state.screen == .detail || state.isSplit) { _ = state.detailLines() }
        return Render.frame(state, context: context)
    }

    /// Runs until the person quits: draw, wait for a key (or a tick), handle it.
    public func run(on screen: any Screen) {
        start()
        var idleTicks = 0
        while !state.quitting {
            screen.draw(render())
            guard let key = screen.readKey(timeoutMilliseconds: 250) else {
                idleTicks += 1
                // About once a second, look for changes made in another terminal.
                if idleTicks % 4 == 0 { handle(.tick) }
                continue
            }
            if key == .resize {
                let size = screen.size
                handle(.resize(width: size.width, height: size.height))
            } else {
                handle(.key(key))
            }
        }
    }

    // MARK: Effects

    func perform(_ effects: [Effect]) {
        for effect in effects {
            do {
                try perform(effect)
            } catch {
                state.message = "\(error)"
                state.isError = true
            }
        }
    }

    func perform(_ effect: Effect) throws {
        switch effect {
        case .reloadRegister:
            try countRegister()
            state.register.rows = []
            state.register.move(by: 0, visible: state.listHeight)
            try fillRegister()
            if state.isSplit || state.screen == .detail, let id = state.register.selected?.id { try loadDetail(id) }
        case .fillRegister:
            try fillRegister()
        case .loadDetail(let id):
            try loadDetail(id)
        case .loadMeetings:
            state.meetings.total = try store.meetingCount()
            state.meetings.rows = []
            state.meetings.move(by: 0, visible: state.listHeight)
            try fillMeetings()
        case .fillMeetings:
            try fillMeetings()
        case .loadAgenda(let id):
            if let (meeting, items) = try store.meeting(id: id) {
                state.agenda = (MeetingSummary(meeting), items.map { $0.visible(to: state.actor) })
            }
        case .loadDue:
            // Titles and deadlines of exempt decisions are public: nothing to withhold here.
            let lines = try store.dueDeadlines(today: state.today, rules: context.rules, limit: 1000)
            state.due.rows = lines.map {
                DueLine(decisionID: $0.decisionID, actionID: $0.actionID, isProposed: $0.isProposed, title: $0.title, kind: $0.label,
                        date: $0.deadline.date, state: $0.deadline.state.description, isOverdue: $0.deadline.state.isOverdue)
            }
            state.due.offset = 0
            state.due.total = state.due.rows.count
            state.due.move(by: 0, visible: state.listHeight)
        case .previewTransition:
            previewTransition()
        case .applyTransition:
            try applyTransition()
        case .checkForChanges:
            let token = try store.changeToken()
            if token != lastChangeToken {
                lastChangeToken = token
                try refreshAfterExternalChange()
            }
        case .countAllThenGoToEnd:
            state.register.total = try store.count(state.filter)
            state.registerCountIsCapped = false
            perform(Reducer.reduce(&state, .key(context.keymap.keys(for: .bottom).first ?? .end), keymap: context.keymap))
        case .loadPlans:
            state.measures = try store.measures()
        case .saveAction:
            guard let action = state.pendingAction else { return }
            state.pendingAction = nil
            let id = try store.addAction(action, by: state.actor)
            lastChangeTokenRefresh()
            state.message = "Action #\(id) due \(action.due.iso) added to decision #\(action.decisionID ?? 0)"
            if let decisionID = action.decisionID { try loadDetail(decisionID) }
        case .confirmAction(let id):
            try store.confirmAction(id: id, owner: nil, by: state.actor)
            lastChangeTokenRefresh()
            try perform(.loadDue)
            state.message = "Action #\(id) confirmed"
        case .quit:
            break
        }
    }

    /// How many searches count before saying "N+": enough to page through, cheap to count.
    public static let searchCountCap = 5_000

    func countRegister() throws {
        let searching = !state.filter.searchWords.isEmpty
        let total = try store.count(state.filter, cap: searching ? Self.searchCountCap + 1 : nil)
        state.registerCountIsCapped = searching && total > Self.searchCountCap
        state.register.total = state.registerCountIsCapped ? Self.searchCountCap : total
    }

    /// Fetches the rows around the visible window when they are not held.
    func fillRegister() throws {
        guard let total = state.register.total else { return }
        let visible = state.register.scroll..<min(total, state.register.scroll + state.listHeight)
        if state.register.holds(visible) { return }
        // Near the end of a long list, count from the end so the query need not skip rows.
        let start = max(0, visible.lowerBound - margin)
        let limit = state.listHeight + 2 * margin
        if total > 10_000 && start > total / 2 {
            let endOffset = max(0, total - (start + limit))
            let rows = try store.page(state.filter, offset: endOffset, limit: total - endOffset - start, fromEnd: true)
            state.register.rows = rows
            state.register.offset = start
        } else {
            state.register.rows = try store.page(state.filter, offset: start, limit: limit)
            state.register.offset = start
        }
    }

    func fillMeetings() throws {
        guard let total = state.meetings.total else { return }
        let visible = state.meetings.scroll..<min(total, state.meetings.scroll + state.listHeight)
        if state.meetings.holds(visible) { return }
        let start = max(0, visible.lowerBound - margin)
        state.meetings.rows = try store.meetings(offset: start, limit: state.listHeight + 2 * margin).map(MeetingSummary.init)
        state.meetings.offset = start
    }

    func loadDetail(_ id: Int64) throws {
        guard var decision = try store.decision(id: id) else {
            state.detail = nil
            return
        }
        decision = decision.visible(to: state.actor)
        state.detail = DetailContent(
            decision: decision,
            deadlines: context.deadlines.deadlines(for: decision, today: state.today),
            history: try store.history(decisionID: id),
            transitions: Workflow.available(for: decision, actor: state.actor),
            actions: try store.actions(decisionID: id))
    }

    /// Our own change is not news from elsewhere.
    func lastChangeTokenRefresh() {
        lastChangeToken = (try? store.changeToken()) ?? lastChangeToken
    }

    func refreshAfterExternalChange() throws {
        let selected = state.register.selected?.id
        try countRegister()
        state.register.rows = []
        state.register.move(by: 0, visible: state.listHeight)
        try fillRegister()
        if let id = state.detail?.decision.id { try loadDetail(id) }
        if state.screen == .due { try perform(.loadDue) }
        if let selected, state.register.selected?.id != selected { state.message = "The register was changed elsewhere" }
    }
}

extension MeetingSummary {
    init(_ meeting: Meeting) {
        self.init(id: meeting.id ?? 0, body: meeting.body, date: meeting.date, time: meeting.time, location: meeting.location,
                  itemCount: meeting.items.count, attendees: meeting.attendees)
    }
}

extension DashboardApp {
    /// The decision the dialog is about, as stored now.
    private func dialogDecision() throws -> Decision? {
        guard let dialog = state.dialog else { return nil }
        return try store.decision(id: dialog.decisionID)
    }

    /// Says what the chosen transition will do, or why the rules refuse it, before anything changes.
    func previewTransition() {
        guard var dialog = state.dialog, let kind = dialog.chosen else { return }
        do {
            guard let decision = try dialogDecision() else { state.dialog = nil; return }
            var request = TransitionInput.request(kind, text: dialog.reason, actor: state.actor, today: state.today)
            // Preview past a reason not typed yet.
            if kind.requiresReason && request.reason == nil { request.reason = "—" }
            if kind == .schedule && request.scheduledFor == nil { request.scheduledFor = state.today }
            if kind == .approveWithAmendments && request.amendments == nil { request.amendments = "—" }
            if kind == .resolveCallIn && request.outcome == nil { request.outcome = .noFurtherAction }
            switch Workflow.apply(request, to: decision, rules: context.rules, calendar: context.calendar) {
            case .success(let outcome):
                var text = kind.help
                if outcome.decision.stage != decision.stage {
                    text += " Stage: \(decision.stage.label) → \(outcome.decision.stage.label)."
                }
                for warning in outcome.warnings { text += " Note: \(warning)." }
                text += " " + TransitionInput.hint(for: kind) + "."
                dialog.explanation = text
                dialog.refusal = nil
            case .failure(let refusal):
                dialog.refusal = refusal.message + ". Rule: " + refusal.rule + "."
            }
        } catch {
            dialog.refusal = "\(error)"
        }
        state.dialog = dialog
    }

    /// Applies the transition, unless the record changed since the dialog opened.
    func applyTransition() throws {
        guard var dialog = state.dialog, let kind = dialog.chosen else { return }
        let request = TransitionInput.request(kind, text: dialog.reason, actor: state.actor, today: state.today)
        do {
            switch try store.transition(id: dialog.decisionID, request, expectedVersion: dialog.version) {
            case .success(let outcome):
                state.dialog = nil
                state.message = "\(kind.label): #\(dialog.decisionID) is now \(outcome.decision.stage.label)"
                    + (outcome.warnings.isEmpty ? "" : " (" + outcome.warnings.joined(separator: "; ") + ")")
                lastChangeTokenRefresh()
                try refreshAfterExternalChange()
                state.message = "\(kind.label): #\(dialog.decisionID) is now \(outcome.decision.stage.label)"
            case .failure(let refusal):
                dialog.refusal = refusal.message + ". Rule: " + refusal.rule + "."
                state.dialog = dialog
            }
        } catch StoreError.conflict(let id) {
            dialog.refusal = StoreError.conflict(id: id).description
            state.dialog = dialog
        }
    }
}
