/// Everything a person can ask the dashboard to do. Each command is declared once, with
/// its name (used in the key config file) and help text; the keymap binds keys to it and
/// the help screen is generated from the same table.
public enum Command: String, CaseIterable, Sendable, Hashable {
    case moveDown = "move-down", moveUp = "move-up", pageDown = "page-down", pageUp = "page-up"
    case halfPageDown = "half-page-down", halfPageUp = "half-page-up", top, bottom
    case open, back, quit, help
    case showRegister = "register", showMeetings = "meetings", showDue = "due", showPlans = "plans"
    case addAction = "add-action", confirmAction = "confirm-action"
    case toggleKey = "filter-key", toggleUrgent = "filter-urgent", toggleCallIn = "filter-call-in"
    case toggleExempt = "filter-exempt", cycleStage = "filter-stage", filterMaker = "filter-maker"
    case filterDates = "filter-dates", clearFilters = "clear-filters"
    case search, nextMatch = "next-match", previousMatch = "previous-match", cycleSort = "sort"
    case transition
    case signCallIn = "sign-call-in"
    case refresh
    case newDecision = "new-decision", editDecision = "edit-decision", goTo = "go-to"
    case addToAgenda = "agenda-add", newMeeting = "new-meeting"
    case addAgendaItem = "agenda-new-item", moveAgendaItem = "agenda-move", removeAgendaItem = "agenda-remove"
    case recordAttendance = "attendance", declareInterest = "declare-interest"
    case openDocument = "open-document"
    case showPublications = "publications", publish

    public var help: String {
        switch self {
        case .moveDown: "Move down"
        case .moveUp: "Move up"
        case .pageDown: "Page down"
        case .pageUp: "Page up"
        case .halfPageDown: "Half a page down"
        case .halfPageUp: "Half a page up"
        case .top: "Go to the first line"
        case .bottom: "Go to the last line"
        case .open: "Open the selected record"
        case .back: "Go back / cancel"
        case .quit: "Quit"
        case .help: "Show this help"
        case .showRegister: "Register of decisions"
        case .showMeetings: "Meetings and agendas"
        case .showDue: "Deadlines and actions due, overdue first"
        case .showPlans: "Improvement plans and their measures"
        case .addAction: "Add a follow-up action to this decision"
        case .confirmAction: "Confirm the selected proposed action"
        case .toggleKey: "Filter: key decisions"
        case .toggleUrgent: "Filter: urgent decisions"
        case .toggleCallIn: "Filter: subject to call-in"
        case .toggleExempt: "Filter: exempt decisions"
        case .cycleStage: "Filter: next stage (cycles; all)"
        case .filterMaker: "Filter: decision maker contains…"
        case .filterDates: "Filter: date range (from..to)"
        case .clearFilters: "Clear all filters and search"
        case .search: "Search the full text (as you type)"
        case .nextMatch: "Next match"
        case .previousMatch: "Previous match"
        case .cycleSort: "Sort by date, oldest, title, deadline"
        case .transition: "Decide: choose a workflow transition"
        case .signCallIn: "Sign this decision's call-in request (members)"
        case .refresh: "Reload from the store"
        case .newDecision: "New decision: a form (officers)"
        case .editDecision: "Edit this decision's fields (officers)"
        case .goTo: "Go to a decision by its number"
        case .addToAgenda: "Put a decision on this agenda (officers)"
        case .newMeeting: "New meeting (officers)"
        case .addAgendaItem: "Add an item to this agenda by title (officers)"
        case .moveAgendaItem: "Move an agenda item to another position (officers)"
        case .removeAgendaItem: "Take an item off this agenda (officers)"
        case .recordAttendance: "Record who attended, or sent apologies (officers)"
        case .declareInterest: "Record a declaration of interest in an item (officers)"
        case .openDocument: "Open a document link of this record (xdg-open), or show it"
        case .showPublications: "Publications: preview the forward plan, records, notices and agendas"
        case .publish: "Publish the selected document (officers)"
        }
    }
}
