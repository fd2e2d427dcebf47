import Decisions
import DecisionStore
import Desk

/// A change an officer makes to the agenda on screen, typed at a prompt.
public enum AgendaEdit: Sendable, Equatable {
    case add(meetingID: Int64, title: String)
    case move(meetingID: Int64, itemID: Int64, position: Int)
    case remove(meetingID: Int64, itemID: Int64)
    case attend(meetingID: Int64, name: String, Attendance)
    case declare(meetingID: Int64, InterestDeclaration)

    var meetingID: Int64 {
        switch self {
        case .add(let id, _), .move(let id, _, _), .remove(let id, _), .attend(let id, _, _), .declare(let id, _): id
        }
    }
}

extension Reducer {
    /// The prompt for an agenda change, on an open agenda, for those who may write it.
    static func startAgendaEdit(_ state: inout AppState, _ purpose: Prompt.Purpose, label: String) -> [DashboardCommand] {
        guard state.screen == .agenda, state.agenda != nil else {
            state.message = "Open a meeting's agenda (2, then Enter) first"
            return []
        }
        guard RuleID.writeRecords.permits(state.actor.role) else {
            state.message = "Changing agendas needs the officer role (rule \(RuleID.writeRecords.id))"; state.isError = true
            return []
        }
        state.prompt = Prompt(purpose: purpose, label: label, text: "")
        return []
    }

    /// The agenda item shown with `number` (as the agenda numbers it, or its position).
    static func agendaItem(_ state: AppState, number text: String) -> AgendaItem? {
        guard let items = state.agenda?.items else { return nil }
        let wanted = text.trimmingCharacters(in: .init(charactersIn: " .#"))
        if let item = items.first(where: { $0.number?.trimmingCharacters(in: .init(charactersIn: " .")) == wanted }) { return item }
        if let position = Int(wanted), items.indices.contains(position - 1) { return items[position - 1] }
        return nil
    }

    static func commitAgendaPrompt(_ state: inout AppState, _ prompt: Prompt, text: String) -> [DashboardCommand] {
        guard let meeting = state.agenda?.meeting else { return [] }
        func refuse(_ message: String) -> [DashboardCommand] { state.message = message; state.isError = true; return [] }
        let parts = text.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        switch prompt.purpose {
        case .agendaAddItem:
            guard !text.isEmpty else { return refuse("Give the item's title") }
            return [.editAgenda(.add(meetingID: meeting.id, title: text))]
        case .agendaMoveItem:
            let words = text.split(separator: " ").map(String.init)
            guard words.count == 2, let item = agendaItem(state, number: words[0]), let id = item.id, let position = Int(words[1]), position > 0 else {
                return refuse("Type the item's number and its new position, e.g. 4 1")
            }
            return [.editAgenda(.move(meetingID: meeting.id, itemID: id, position: position))]
        case .agendaRemoveItem:
            guard let item = agendaItem(state, number: text), let id = item.id else { return refuse("No item \(text) on this agenda") }
            return [.editAgenda(.remove(meetingID: meeting.id, itemID: id))]
        case .attendance:
            guard parts.count == 2, !parts[0].isEmpty, let attendance = Attendance(rawValue: parts[1].lowercased()) else {
                return refuse("Type the name and present, apologies or absent, e.g. Cllr Ahmed; apologies")
            }
            return [.editAgenda(.attend(meetingID: meeting.id, name: parts[0], attendance))]
        case .declaration:
            guard parts.count >= 3, let item = agendaItem(state, number: parts[0]), let id = item.id, !parts[1].isEmpty,
                  let kind = InterestKind.parse(parts[2]) else {
                return refuse("Type item; member; kind (pecuniary, other-registrable, non-registrable); dispensation if any")
            }
            let dispensation = parts.count > 3 && !parts[3].isEmpty ? parts[3...].joined(separator: "; ") : nil
            return [.editAgenda(.declare(meetingID: meeting.id, InterestDeclaration(agendaItemID: id, member: parts[1], kind: kind,
                                                                                    dispensation: dispensation)))]
        default:
            return []
        }
    }
}

extension CommandRunner {
    func perform(_ edit: AgendaEdit) throws -> Message {
        switch edit {
        case .add(let meetingID, let title):
            let id = try service.addAgendaItem(meetingID: meetingID, title: title, decisionID: nil, position: nil, restricted: false)
            return .agendaChanged(meetingID: meetingID, "Added item \(id): \(title)")
        case .move(let meetingID, let itemID, let position):
            try service.moveAgendaItem(id: itemID, to: position)
            return .agendaChanged(meetingID: meetingID, "Moved the item to position \(position)")
        case .remove(let meetingID, let itemID):
            try service.removeAgendaItem(id: itemID)
            return .agendaChanged(meetingID: meetingID, "Took the item off the agenda")
        case .attend(let meetingID, let name, let attendance):
            try service.recordAttendance(meetingID: meetingID, name: name, attendance: attendance, role: nil)
            return .agendaChanged(meetingID: meetingID, "Recorded \(name): \(attendance.rawValue)")
        case .declare(let meetingID, let declaration):
            _ = try service.declareInterest(declaration)
            return .agendaChanged(meetingID: meetingID, "Recorded \(declaration.member)'s \(declaration.kind.label)")
        }
    }
}
