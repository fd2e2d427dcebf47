import Foundation

/// The normalised lifecycle stage of a decision. Councils publish their own status
/// labels; the label is kept as published and mapped onto one of these.
public enum Stage: String, CaseIterable, Codable, Sendable, Comparable {
    case proposed
    case decided
    case published
    case calledIn = "called_in"
    case effective
    case implemented
    case rejected
    case deferred
    case withdrawn

    /// Human label, e.g. "called in".
    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }

    public static func < (lhs: Stage, rhs: Stage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Maps a published ModernGov status label (e.g. "Recommendations Approved (subject to
    /// call-in)") onto a stage. Unknown labels are treated as proposed.
    public static func fromPublishedStatus(_ status: String) -> Stage {
        let s = status.lowercased()
        if s.contains("called in") || s.contains("called-in") && !s.contains("subject to") { return .calledIn }
        if s.contains("withdrawn") || s.contains("deleted") || s.contains("abandoned") { return .withdrawn }
        if s.contains("deferred") { return .deferred }
        if s.contains("rejected") || s.contains("refused") { return .rejected }
        if s.contains("implemented") { return .implemented }
        if s.contains("subject to call") { return .published }
        if s.contains("approved") || s.contains("agreed") || s.contains("decided") || s.contains("noted")
            || s.contains("decision made") || s.contains("resolved") { return .decided }
        // "For Determination" and anything unrecognised: not yet decided.
        if s.contains("effective") { return .effective }
        if s.contains("published") { return .published }
        return .proposed
    }

    /// Whether a publisher's page may move a record from `self` to `stage` (rule A-IMPORT-LIFECYCLE):
    /// only forward along proposed → decided → published → called in → effective → implemented,
    /// or from proposed to rejected, deferred or withdrawn. Never backwards.
    public func importMayAdvance(to stage: Stage) -> Bool {
        let mainLine: [Stage] = [.proposed, .decided, .published, .calledIn, .effective, .implemented]
        if let from = mainLine.firstIndex(of: self), let to = mainLine.firstIndex(of: stage) { return to > from }
        return self == .proposed && [.rejected, .deferred, .withdrawn].contains(stage)
    }
}
