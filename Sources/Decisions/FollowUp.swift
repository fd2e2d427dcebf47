import Foundation

/// How often a recurring action comes round again.
public enum Recurrence: Hashable, Codable, Sendable, CustomStringConvertible {
    case weeks(Int)
    case months(Int)

    /// "every 2 months", "bi-monthly", "monthly", "quarterly", "weekly", "fortnightly", "annually", "2w", "6m".
    public init?(text: String) {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        switch t {
        case "weekly": self = .weeks(1); return
        case "fortnightly": self = .weeks(2); return
        case "monthly": self = .months(1); return
        case "bi-monthly", "bimonthly", "bi monthly": self = .months(2); return
        case "quarterly": self = .months(3); return
        case "six-monthly", "half-yearly": self = .months(6); return
        case "annually", "annual", "yearly": self = .months(12); return
        default: break
        }
        let words = t.replacingOccurrences(of: "every ", with: "").split(separator: " ")
        var parsed: Recurrence?
        if words.count == 1, let unit = words[0].last, let n = Int(words[0].dropLast()) {
            if unit == "w" { parsed = .weeks(n) }
            if unit == "m" { parsed = .months(n) }
        }
        if words.count == 2, let n = Int(words[0]) {
            if words[1].hasPrefix("week") { parsed = .weeks(n) }
            if words[1].hasPrefix("month") { parsed = .months(n) }
        }
        guard let parsed, parsed.isWithinLimits else { return nil }
        self = parsed
    }

    public var description: String {
        switch self {
        case .weeks(1): "weekly"
        case .weeks(let n): "every \(n) weeks"
        case .months(1): "monthly"
        case .months(2): "bi-monthly"
        case .months(let n): "every \(n) months"
        }
    }

    /// The longest period accepted: ten years, in either unit.
    public static let longestWeeks = 520
    public static let longestMonths = 120

    /// Whether the period is one this program accepts (1 week to 10 years); a stored value
    /// outside it is treated as having no next occurrence.
    public var isWithinLimits: Bool {
        switch self {
        case .weeks(let n): (1...Self.longestWeeks).contains(n)
        case .months(let n): (1...Self.longestMonths).contains(n)
        }
    }

    /// The next due date: weeks add days; months keep the day of the month, or the month's
    /// last day when it has fewer (31 Jan + 1 month = 28 or 29 Feb). Nil when the period is
    /// out of limits or the next date would fall outside the supported dates.
    public func next(after date: CivilDate) -> CivilDate? {
        guard isWithinLimits, date.isSupported else { return nil }
        switch self {
        case .weeks(let n):
            return date.addingWithinSupportedRange(days: 7 * n)
        case .months(let n):
            let c = date.components
            let total = c.year * 12 + (c.month - 1) + n
            let year = total / 12, month = total % 12 + 1
            let day = min(c.day, CivilDate.daysIn(month: month, year: year))
            return CivilDate(year: year, month: month, day: day).flatMap { $0.isSupported ? $0 : nil }
        }
    }
}

/// Why a recurring action cannot be rolled forward.
public struct RecurrenceError: Error, Equatable, Sendable, CustomStringConvertible {
    public var recurrence: Recurrence
    public var due: CivilDate
    public var description: String {
        recurrence.isWithinLimits
            ? "the next occurrence (\(recurrence)) after \(due.iso) would fall outside the dates Cabinet Desk works with (\(CivilDate.supportedRangeText))"
            : "the recurrence \(recurrence) is longer than the ten years an action may recur over"
    }
}

/// Where a follow-up action stands.
public enum ActionState: String, Codable, Sendable, CaseIterable {
    case proposed, open, overdue, done
}

/// A commitment arising from a decision or agenda item: text, owner, due date, recurrence.
public struct FollowUpAction: Hashable, Sendable {
    public var id: Int64?
    public var text: String
    public var owner: String?
    public var due: CivilDate
    public var recurrence: Recurrence?
    /// The decision and resolution it arises from.
    public var decisionID: Int64?
    public var resolutionLabel: String?
    /// Proposed by the importer from a resolution's wording, awaiting an officer's confirmation.
    public var isProposed: Bool
    public var completedOn: CivilDate?

    public init(id: Int64? = nil, text: String, owner: String? = nil, due: CivilDate, recurrence: Recurrence? = nil,
                decisionID: Int64? = nil, resolutionLabel: String? = nil, isProposed: Bool = false, completedOn: CivilDate? = nil) {
        self.id = id; self.text = text; self.owner = owner; self.due = due; self.recurrence = recurrence
        self.decisionID = decisionID; self.resolutionLabel = resolutionLabel; self.isProposed = isProposed
        self.completedOn = completedOn
    }

    /// Open until done; overdue once its due date has passed.
    public func state(today: CivilDate) -> ActionState {
        if completedOn != nil { return .done }
        if isProposed { return .proposed }
        return due < today ? .overdue : .open
    }

    /// Completing a recurring action rolls it forward: the next occurrence is due one
    /// period after this one was due (not after it was done), so the cycle does not drift.
    /// Throws when the next occurrence cannot be dated (see `Recurrence.next`).
    public func completing(on date: CivilDate) throws(RecurrenceError) -> (done: FollowUpAction, next: FollowUpAction?) {
        var done = self
        done.completedOn = date
        guard let recurrence else { return (done, nil) }
        var next = self
        next.id = nil
        next.completedOn = nil
        guard var nextDue = recurrence.next(after: due) else { throw RecurrenceError(recurrence: recurrence, due: due) }
        // Catch up if several periods were missed (bounded: at most the supported range in weeks).
        while nextDue < date {
            guard let later = recurrence.next(after: nextDue) else { throw RecurrenceError(recurrence: recurrence, due: nextDue) }
            nextDue = later
        }
        next.due = nextDue
        return (done, next)
    }
}

/// Finds follow-up commitments in resolutions: reporting cycles ("bi-monthly reporting"),
/// "a further report", and "by DATE".
public enum FollowUpDetector {
    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"]

    public static func proposals(for decision: Decision, from start: CivilDate) -> [FollowUpAction] {
        var found: [FollowUpAction] = []
        for resolution in decision.resolutions {
            let lower = resolution.text.lowercased()
            let summary = String(resolution.text.prefix(160))
            // A commitment whose first report would fall outside the supported dates is not proposed.
            if let recurrence = reportingCycle(lower) {
                guard let due = recurrence.next(after: start) else { continue }
                found.append(FollowUpAction(text: "Report on progress (\(recurrence)): \(summary)", due: due,
                                            recurrence: recurrence, decisionID: decision.id, resolutionLabel: resolution.label,
                                            isProposed: true))
            } else if lower.contains("further report") || lower.contains("report back") {
                guard let due = Recurrence.months(3).next(after: start) else { continue }
                found.append(FollowUpAction(text: "Further report: \(summary)", due: due,
                                            decisionID: decision.id, resolutionLabel: resolution.label, isProposed: true))
            } else if let date = byDate(lower), date.isSupported {
                found.append(FollowUpAction(text: summary, due: date, decisionID: decision.id, resolutionLabel: resolution.label,
                                            isProposed: true))
            }
        }
        return found
    }

    static func reportingCycle(_ text: String) -> Recurrence? {
        for word in ["bi-monthly", "bimonthly", "monthly", "quarterly", "six-monthly", "annual", "weekly", "fortnightly"]
            where text.contains(word + " report") || text.contains(word + " progress") || text.contains(word + " update")
            || text.contains("receive " + word) {
            return Recurrence(text: word)
        }
        return nil
    }

    /// "by 31 March 2027" or "by March 2027" (the month's end).
    static func byDate(_ text: String) -> CivilDate? {
        guard let regex = try? NSRegularExpression(pattern: #"\bby (?:(\d{1,2}) )?(january|february|march|april|may|june|july|august|september|october|november|december) (\d{4})"#),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        func group(_ i: Int) -> String? { Range(match.range(at: i), in: text).map { String(text[$0]) } }
        guard let monthName = group(2), let month = months.firstIndex(of: monthName), let year = group(3).flatMap(Int.init) else { return nil }
        let day = group(1).flatMap(Int.init) ?? CivilDate.daysIn(month: month + 1, year: year)
        return CivilDate(year: year, month: month + 1, day: day)
    }
}
