/// What a user of Cabinet Desk may do.
public enum Role: String, CaseIterable, Codable, Sendable {
    /// Everything, including recording acts for any decision maker.
    case admin
    /// Democratic services: schedule, record notices and papers, publish, record meeting decisions.
    case officer
    /// A decision maker (cabinet member, officer with delegated powers) for the maker names
    /// listed on their `Actor`.
    case decisionMaker = "decision_maker"
    /// Chair of overview and scrutiny: consents to urgency, calls in, resolves call-ins.
    case scrutinyChair = "scrutiny_chair"
    /// A non-executive member: may sign a call-in.
    case member
    /// Read only.
    case viewer

    public var label: String {
        switch self {
        case .admin: "administrator"
        case .officer: "officer"
        case .decisionMaker: "decision maker"
        case .scrutinyChair: "scrutiny chair"
        case .member: "member"
        case .viewer: "viewer"
        }
    }
}

/// The person acting: their login, role, and (for decision makers) the decision-maker names
/// they may decide for, as published (e.g. "Children and Families Cabinet Member").
public struct Actor: Hashable, Codable, Sendable {
    public var login: String
    public var role: Role
    public var makers: [String]

    public init(login: String, role: Role, makers: [String] = []) {
        self.login = login; self.role = role; self.makers = makers
    }

    /// Whether this actor decides for `decisionMaker`. A name matches ignoring case and
    /// surrounding spaces, either exactly or as the name before a municipal-year term:
    /// "Children and Families Cabinet Member" decides for
    /// "Children and Families Cabinet Member - 2022-2023". Admins decide for everyone;
    /// nobody else decides for anyone unless the name is listed.
    public func decides(for decisionMaker: String) -> Bool {
        if role == .admin { return true }
        let target = Self.normalise(decisionMaker)
        return makers.contains { maker in
            let m = Self.normalise(maker)
            return !m.isEmpty && (target == m || target.hasPrefix(m + " - ") || target.hasPrefix(m + " – "))
        }
    }

    private static func normalise(_ s: String) -> String {
        s.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// How overview and scrutiny resolved a call-in.
public enum CallInOutcome: String, CaseIterable, Codable, Sendable {
    /// No further action: the decision takes effect (from the date of the resolution).
    case noFurtherAction = "no_further_action"
    /// Referred back to the decision maker, who reconsiders (confirms or amends).
    case referBack = "refer_back"
    /// Referred to full Council; the decision maker then reconsiders in the light of its view.
    case referToCouncil = "refer_to_council"

    public var label: String {
        switch self {
        case .noFurtherAction: "no further action"
        case .referBack: "referred back to the decision maker"
        case .referToCouncil: "referred to full Council"
        }
    }

    /// Accepts the raw value or kebab-case ("refer-back").
    public init?(text: String) {
        self.init(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_"))
    }
}
