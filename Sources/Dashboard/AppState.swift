import Decisions
import DecisionStore
import Desk

/// The screens of the dashboard.
public enum ScreenKind: String, Sendable, Hashable {
    case register, detail, meetings, agenda, due, plans, help, publications
}

/// A window of rows of some long list: only what is on screen (plus a margin) is in memory.
public struct ListWindow<Row: Sendable>: Sendable {
    /// Rows held, starting at `offset` in the full list.
    public var rows: [Row] = []
    public var offset = 0
    /// How many rows the full list has; nil until counted.
    public var total: Int?
    /// Index of the selected row in the full list.
    public var cursor = 0
    /// Index of the first row shown.
    public var scroll = 0

    public init() {}

    public func row(at index: Int) -> Row? {
        let local = index - offset
        return rows.indices.contains(local) ? rows[local] : nil
    }

    public var selected: Row? { row(at: cursor) }

    /// Whether rows `range` are all held.
    public func holds(_ range: Range<Int>) -> Bool {
        range.isEmpty || (range.lowerBound >= offset && range.upperBound <= offset + rows.count)
    }

    /// Moves the cursor by `delta` (clamped) and keeps it within `visible` rows of the scroll.
    public mutating func move(by delta: Int, visible: Int) {
        guard let total, total > 0 else { cursor = 0; scroll = 0; return }
        cursor = min(max(0, cursor + delta), total - 1)
        keepCursorVisible(visible: visible)
    }

    public mutating func moveTo(_ index: Int, visible: Int) {
        move(by: index - cursor, visible: visible)
    }

    public mutating func keepCursorVisible(visible: Int) {
        let visible = max(1, visible)
        if cursor < scroll { scroll = cursor }
        if cursor >= scroll + visible { scroll = cursor - visible + 1 }
        if let total { scroll = max(0, min(scroll, max(0, total - visible))) }
    }
}

/// A meeting on the meetings screen, with its agenda once opened.
public struct MeetingSummary: Sendable, Hashable {
    public var id: Int64
    public var body: String
    public var date: CivilDate?
    public var time: String?
    public var location: String?
    public var itemCount: Int
    public var attendees: [Attendee] = []
}

/// A line of the due screen.
public struct DueLine: Sendable, Hashable {
    public var decisionID: Int64
    public var actionID: Int64? = nil
    public var isProposed = false
    public var title: String
    public var kind: String
    public var date: CivilDate?
    public var state: String
    public var isOverdue: Bool
}

/// A one-line input the person is typing (search, maker filter, date range, reason).
public struct Prompt: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable { case search, maker, dates, reason, action, callInGrounds, goTo, agendaDecision, newMeeting
        case agendaAddItem, agendaMoveItem, agendaRemoveItem, attendance, declaration, openDocument }
    public var purpose: Purpose
    public var label: String
    public var text: String
}

/// The confirmation of a workflow transition.
public struct TransitionDialog: Sendable, Equatable {
    public var decisionID: Int64
    public var decisionTitle: String
    /// The version read when the dialog opened: the act lands only if nobody changed it since.
    public var version: Int
    public var stage: Stage
    /// Transitions offered (those the person's role may perform from this stage).
    public var choices: [TransitionKind]
    /// The chosen one, once chosen.
    public var chosen: TransitionKind?
    public var reason: String = ""
    /// What will happen, or why the rules refuse it.
    public var explanation: String = ""
    public var refusal: String?

    public init(decisionID: Int64, decisionTitle: String, version: Int, stage: Stage, choices: [TransitionKind]) {
        self.decisionID = decisionID; self.decisionTitle = decisionTitle; self.version = version; self.stage = stage
        self.choices = choices
    }
}

/// Everything the dashboard shows; views are pure functions of it.
public struct AppState: Sendable {
    public var width: Int {
        didSet { if width != oldValue { detailLayout = nil } }
    }
    public var height: Int
    public var today: CivilDate
    public var actor: Actor
    public var screen: ScreenKind = .register
    /// Where Esc goes back to.
    public var history: [ScreenKind] = []
    public var filter = DecisionFilter()
    public var register = ListWindow<RegisterRow>()
    /// True while the register's count is still to come: its total is then a lower bound
    /// (the rows found so far), and the status bar says "counting…".
    public var registerCounting = false
    /// While counting, an estimate of the count if one has arrived.
    public var registerEstimate: Int?
    /// Numbers each reload of the register, so a count that a newer one superseded is ignored.
    public var registerGeneration = 0
    /// `G` was pressed before the count arrived: go to the last line when it does.
    public var bottomWhenCounted = false
    public var detail: DecisionRecord? {
        didSet { detailLayout = nil }
    }
    /// The detail laid out for the current width, kept so that scrolling and redrawing do
    /// not wrap the whole record again on every frame.
    public var detailLayout: (width: Int, lines: [DetailView.Line])?
    public var detailScroll = 0
    public var meetings = ListWindow<MeetingSummary>()
    public var agenda: (meeting: MeetingSummary, items: [AgendaItem])?
    public var agendaScroll = 0
    public var due = ListWindow<DueLine>()
    public var helpScroll = 0
    public var measures: [Measure] = []
    public var plansScroll = 0
    public var publications = PublicationsScreen()
    /// The register's change counter as last seen, to notice changes made in another terminal.
    public var changeToken: Int64?
    /// The row selected before a refresh for someone else's change, to say when it moved away.
    public var selectionBeforeRefresh: Int64?
    /// Rows fetched around the visible window, so small moves need no query.
    public var margin = 40
    public var prompt: Prompt?
    public var dialog: TransitionDialog?
    /// The new-decision or edit form, over whatever screen it was opened from.
    public var form: DecisionForm?
    /// A one-off message for the status bar (result of an action, or an error).
    public var message: String?
    public var isError = false
    public var colour = true
    public var quitting = false

    public init(width: Int, height: Int, today: CivilDate, actor: Actor, margin: Int = 40) {
        self.width = width; self.height = height; self.today = today; self.actor = actor; self.margin = margin
    }

    /// Rows available to a list body: screen minus title bar, header and status lines.
    public var listHeight: Int { max(1, height - 4) }

    /// The detail's lines at the width it is shown in, laid out once per record and width.
    public mutating func detailLines() -> [DetailView.Line] {
        guard let detail else { return [] }
        let width = DetailView.textWidth(self)
        if let layout = detailLayout, layout.width == width { return layout.lines }
        let lines = DetailView.lines(detail, width: width, today: today)
        detailLayout = (width, lines)
        return lines
    }

    /// Wide terminals show the register and the selected record side by side.
    public var isSplit: Bool { width >= 140 }

    public var isReadOnly: Bool { actor.role == .viewer }
}
