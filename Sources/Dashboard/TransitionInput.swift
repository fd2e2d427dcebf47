import Decisions
import Desk

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

    /// The act the typed text asks for; the Desk fills in who and when.
    public static func act(_ kind: TransitionKind, text: String) -> Act {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var act = Act(kind: kind, reason: trimmed.isEmpty ? nil : trimmed)
        let halves = trimmed.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        switch kind {
        case .schedule:
            let words = trimmed.split(separator: " ").map(String.init)
            act.scheduledFor = words.first.flatMap { CivilDate(iso: $0) }
            if let index = words.firstIndex(of: "notice"), index + 1 < words.count {
                act.noticeDate = CivilDate(iso: words[index + 1])
            }
            act.reason = nil
        case .approveWithAmendments:
            act.amendments = act.reason
        case .callIn:
            act.reason = halves.first.flatMap { $0.isEmpty ? nil : $0 }
            if halves.count == 2 {
                act.members = halves[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
        case .reconsider:
            act.reason = halves.first.flatMap { $0.isEmpty ? nil : $0 }
            if halves.count == 2 { act.amendments = halves[1] }
        case .resolveCallIn:
            let words = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
            act.outcome = words.first.flatMap { CallInOutcome(text: $0) }
            act.reason = words.count > 1 ? words[1] : nil
        default:
            break
        }
        return act
    }

    /// The act to preview before the text is typed: placeholders stand in for what is still
    /// missing, so the preview says what the rules think of the act itself.
    public static func previewAct(_ kind: TransitionKind, text: String, today: CivilDate) -> Act {
        var draft = Self.act(kind, text: text)
        if kind.requiresReason && draft.reason == nil { draft.reason = "—" }
        if kind == .schedule && draft.scheduledFor == nil { draft.scheduledFor = today }
        if kind == .approveWithAmendments && draft.amendments == nil { draft.amendments = "—" }
        if kind == .resolveCallIn && draft.outcome == nil { draft.outcome = .noFurtherAction }
        return draft
    }
}
