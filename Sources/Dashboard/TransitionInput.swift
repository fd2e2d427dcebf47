import Decisions

/// What the decide dialog's one line of text means for each transition, so that the
/// keyboard can supply everything the command line can.
public enum TransitionInput {
    /// The hint shown above the text field.
    public static func hint(for kind: TransitionKind) -> String {
        switch kind {
        case .schedule: "Date to be taken, then optionally the notice date: YYYY-MM-DD [notice YYYY-MM-DD]"
        case .approveWithAmendments: "The amendments (recorded as a resolution)"
        case .callIn: "Reason; officers recording members' call-in add: | Cllr A, Cllr B, Cllr C"
        case .resolveCallIn: "Outcome first (no-further-action, refer-back or refer-to-council), then the reason"
        case .reconsider: "Reason; to amend, add: | the amended resolution"
        default: kind.requiresReason ? "Reason (required)" : "Reason (optional)"
        }
    }

    /// Builds the request from the typed text.
    public static func request(_ kind: TransitionKind, text: String, actor: Actor, today: CivilDate) -> TransitionRequest {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var request = TransitionRequest(kind: kind, actor: actor, today: today, reason: trimmed.isEmpty ? nil : trimmed)
        let halves = trimmed.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        switch kind {
        case .schedule:
            let words = trimmed.split(separator: " ").map(String.init)
            request.scheduledFor = words.first.flatMap { CivilDate(iso: $0) }
            if let index = words.firstIndex(of: "notice"), index + 1 < words.count {
                request.noticeDate = CivilDate(iso: words[index + 1])
            }
            request.reason = nil
        case .approveWithAmendments:
            request.amendments = request.reason
        case .callIn:
            request.reason = halves.first.flatMap { $0.isEmpty ? nil : $0 }
            if halves.count == 2 {
                request.members = halves[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
        case .reconsider:
            request.reason = halves.first.flatMap { $0.isEmpty ? nil : $0 }
            if halves.count == 2 { request.amendments = halves[1] }
        case .resolveCallIn:
            let words = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
            request.outcome = words.first.flatMap { CallInOutcome(text: $0) }
            request.reason = words.count > 1 ? words[1] : nil
        default:
            break
        }
        return request
    }
}
