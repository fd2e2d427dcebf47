import Decisions
import DecisionStore
import Desk

/// Performs one command through the service and returns what came of it as messages.
/// It never touches the state: the reducer decides what a result means.
public struct CommandRunner {
    public let service: any RegisterService
    /// The publications screen's documents; nil where there are no templates (tests, benchmarks).
    public let publications: (any PublicationService)?

    public init(service: any RegisterService, publications: (any PublicationService)? = nil) {
        self.service = service; self.publications = publications
    }

    public func run(_ command: DashboardCommand) -> [Message] {
        do {
            return [try result(of: command)]
        } catch {
            if case .perform(let id, _, _) = command { return [.actFailed(decisionID: id, "\(error)")] }
            switch command {
            case .saveNewDecision, .saveEdit: return [.formSaveFailed("\(error)")]
            default: break
            }
            return [.failed("\(error)")]
        }
    }

    func result(of command: DashboardCommand) throws -> Message {
        switch command {
        case .countRegister(let filter, let generation):
            return .registerCounted(total: try service.count(filter, cap: nil), generation: generation)
        case .fetchRegister(let filter, let offset, let limit, let fromEnd, let landingAt):
            return .registerRows(offset: landingAt, rows: try service.registerRows(filter, offset: offset, limit: limit, fromEnd: fromEnd),
                                 requested: limit)
        case .loadRecord(let id):
            return .recordLoaded(try service.record(id: id))
        case .openDecide(let id):
            return .decideRecordLoaded(try service.record(id: id))
        case .countMeetings:
            return .meetingsCounted(try service.meetingCount())
        case .fetchMeetings(let offset, let limit):
            return .meetingsLoaded(offset: offset, rows: try service.meetings(offset: offset, limit: limit).map(MeetingSummary.init))
        case .loadAgenda(let id):
            return .agendaLoaded(try service.agenda(meetingID: id).map { (MeetingSummary($0.0), $0.1) })
        case .loadDue:
            return .dueLoaded(try service.due(within: nil, limit: 1000))
        case .loadPlans:
            return .plansLoaded(try service.measures(plan: nil))
        case .preview(let id, let act):
            return .previewed(decisionID: id, kind: act.kind, try service.preview(id: id, act))
        case .perform(let id, let act, let version):
            return .performed(decisionID: id, kind: act.kind, try service.perform(id: id, act, expectedVersion: version))
        case .addAction(let action):
            return .actionSaved(id: try service.addAction(action), action)
        case .confirmAction(let id):
            try service.confirmAction(id: id, owner: nil)
            return .actionConfirmed(id)
        case .signCallIn(let id, let grounds):
            return .callInSigned(decisionID: id, try service.signCallIn(id: id, grounds: grounds))
        case .readChangeToken(let adopt):
            return .changeTokenRead(try service.changeToken(), adopt: adopt)
        case .openAuthoring(let id):
            return .authoringLoaded(try service.authoringSetup(decisionID: id))
        case .saveNewDecision(let entries):
            return .formSaved(try service.newDecision(entries.map { ($0.field, $0.text, nil) }), changed: [])
        case .saveEdit(let id, let version, let entries, let reason):
            let result = try service.editDecision(id: id, expectedVersion: version, entries.map { ($0.field, $0.text, nil) }, reason: reason)
            return .formSaved(result.map(\.decision), changed: (try? result.get())?.changes.map(\.field) ?? [])
        case .editExternally:
            // Only the app holds the terminal to lend; a runner without one says so.
            return .externalEditFinished(line: -1, text: nil, error: "no terminal to run the editor in")
        case .addToAgenda(let meetingID, let decisionID):
            let item = try service.addAgendaItem(meetingID: meetingID, title: nil, decisionID: decisionID, position: nil, restricted: false)
            return .agendaChanged(meetingID: meetingID, "Decision #\(decisionID) is item \(item) on this agenda")
        case .openLink(let url):
            return .linkOpened("Link: " + url)
        case .editAgenda(let edit):
            return try perform(edit)
        case .createMeeting(let body, let date, let time, let place):
            let id = try service.createMeeting(body: body, date: date, time: time, place: place)
            return .meetingCreated(id, "\(body) on \(date.iso)" + (time.map { " at \($0)" } ?? ""))
        case .previewPublication(let request):
            return .publicationPreviewed(request, try publicationService().preview(request))
        case .publishPublication(let request):
            return .publicationPublished(request, try publicationService().publish(request))
        }
    }

    func publicationService() throws -> any PublicationService {
        guard let publications else { throw PublicationsUnavailable() }
        return publications
    }
}

struct PublicationsUnavailable: Error, CustomStringConvertible {
    var description: String { "publications need the shipped templates (Data/templates; set CABINET_DATA)" }
}

extension MeetingSummary {
    init(_ meeting: Meeting) {
        self.init(id: meeting.id ?? 0, body: meeting.body, date: meeting.date, time: meeting.time, location: meeting.location,
                  itemCount: meeting.items.count, attendees: meeting.attendees)
    }
}
