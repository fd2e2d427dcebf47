import Decisions

/// The publications screen: the documents on offer for what is on screen, a preview of each,
/// and publishing for those who may (rule P-PUBLISH).
extension Reducer {
    /// The forward plan from the viewing date, and the documents of the decision and meeting in view.
    static func publicationChoices(_ state: AppState) -> [PublicationChoice] {
        var choices = [PublicationChoice(request: .forwardPlan(from: state.today, months: 4),
                                         label: "Notice of key decisions (forward plan), 4 months from \(state.today.iso)")]
        if let decision = state.detail?.decision ?? state.register.selected?.decision, let id = decision.id {
            let title = "#\(id) " + decision.title
            choices.append(PublicationChoice(request: .recordOfDecision(decisionID: id), label: "Record of decision: \(title)"))
            if decision.procedure.generalExceptionDate != nil {
                choices.append(PublicationChoice(request: .generalException(decisionID: id), label: "General exception notice: \(title)"))
            }
            if decision.procedure.specialUrgencyConsent != nil {
                choices.append(PublicationChoice(request: .specialUrgency(decisionID: id), label: "Special urgency notice: \(title)"))
            }
        }
        if let meeting = state.agenda?.meeting ?? state.meetings.selected {
            choices.append(PublicationChoice(request: .agenda(meetingID: meeting.id),
                                             label: "Agenda front sheet: \(meeting.body) \(meeting.date?.iso ?? "")"))
        }
        return choices
    }

    static func showPublications(_ state: inout AppState) -> [DashboardCommand] {
        state.publications = PublicationsScreen()
        state.publications.choices = publicationChoices(state)
        state.history = [.register]
        state.screen = .publications
        return []
    }

    static func movePublications(_ state: inout AppState, by delta: Int) -> [DashboardCommand] {
        if state.publications.preview != nil {
            state.publications.previewScroll = max(0, clampedAdd(state.publications.previewScroll, delta))
        } else {
            let last = max(0, state.publications.choices.count - 1)
            state.publications.cursor = min(last, max(0, clampedAdd(state.publications.cursor, delta)))
        }
        return []
    }

    static func previewPublication(_ state: inout AppState) -> [DashboardCommand] {
        guard state.publications.preview == nil, let choice = state.publications.selected else { return [] }
        return [.previewPublication(choice.request)]
    }

    /// Leaving a preview returns to the list of documents; true when it did.
    static func closePublicationPreview(_ state: inout AppState) -> Bool {
        guard state.screen == .publications, state.publications.preview != nil else { return false }
        state.publications.preview = nil
        return true
    }

    static func publishSelected(_ state: inout AppState) -> [DashboardCommand] {
        guard state.screen == .publications,
              let request = state.publications.preview?.request ?? state.publications.selected?.request else { return [] }
        // Said at once; the Desk refuses it again whoever asks.
        guard RuleID.publishDocuments.permits(state.actor.role) else {
            state.message = "Publishing needs the role officer or admin (rule \(RuleID.publishDocuments.id)); Enter previews"
            state.isError = true
            return []
        }
        return [.publishPublication(request)]
    }

    static func publicationResult(_ state: inout AppState, _ message: Message) -> [DashboardCommand] {
        switch message {
        case .publicationPreviewed(let request, let text):
            guard state.screen == .publications else { return [] }
            state.publications.preview = (request, text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            state.publications.previewScroll = 0
            return []
        case .publicationPublished(_, let receipt):
            state.message = "Published to \(receipt.path)" + receipt.notes.map { ". Note: " + $0 }.joined()
            return [.readChangeToken(adopt: true)] + refreshCommands(&state)
        default:
            return []
        }
    }
}
