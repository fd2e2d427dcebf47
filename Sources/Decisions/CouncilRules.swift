/// When a decision subject to call-in becomes effective (may be implemented), relative to
/// the end of the call-in period. The call-in period ends on its last day: the
/// `callInPeriodWorkingDays`-th working day after publication.
///
/// Text form (for `cabinet rules set effective-from ...` and Codable):
/// - `last-day-of-period`: effective on the period's last day (e.g. the 5th working day).
/// - `day-after-period-ends` (default): the calendar day after the last day of the period.
/// - `working-days-after:N`: the N-th working day after the last day of the period
///   (`working-days-after:1` is the next working day).
public enum EffectiveRule: Hashable, Sendable, Codable, CustomStringConvertible {
    case lastDayOfPeriod
    case dayAfterPeriodEnds
    case workingDaysAfterPeriodEnds(Int)

    public static let accepted = "last-day-of-period, day-after-period-ends, or working-days-after:N (N 1-30)"

    public var description: String {
        switch self {
        case .lastDayOfPeriod: "last-day-of-period"
        case .dayAfterPeriodEnds: "day-after-period-ends"
        case .workingDaysAfterPeriodEnds(let n): "working-days-after:\(n)"
        }
    }

    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch t {
        case "last-day-of-period", "last-day": self = .lastDayOfPeriod
        case "day-after-period-ends", "day-after": self = .dayAfterPeriodEnds
        default:
            let prefix = "working-days-after:"
            guard t.hasPrefix(prefix), let n = Int(t.dropFirst(prefix.count)), (1...30).contains(n) else { return nil }
            self = .workingDaysAfterPeriodEnds(n)
        }
    }

    /// The effective date for a call-in period ending on `periodEnd`.
    public func effectiveDate(periodEnd: CivilDate, calendar: WorkingCalendar) -> CivilDate {
        switch self {
        case .lastDayOfPeriod: periodEnd
        case .dayAfterPeriodEnds: periodEnd.adding(days: 1)
        case .workingDaysAfterPeriodEnds(let n): calendar.addingWorkingDays(n, to: periodEnd)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let rule = EffectiveRule(text: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "effective-from: expected \(Self.accepted), found \"\(text)\"")
        }
        self = rule
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// How the clear days before a meeting (papers) are counted.
public enum ClearDayCount: String, CaseIterable, Codable, Sendable {
    /// Every calendar day between counts.
    case calendar
    /// Only working days between count ("five clear working days").
    case working
}

/// A council's settings for the statutory engine (from its constitution). Defaults are
/// the common ones; every field can be set by its kebab-case key from the command line.
public struct CouncilRules: Sendable, Codable, Equatable {
    /// Working days after publication during which a decision may be called in.
    public var callInPeriodWorkingDays: Int = 5
    /// When the decision becomes effective relative to the end of the call-in period.
    public var effectiveAfterCallIn: EffectiveRule = .dayAfterPeriodEnds
    /// Working days after the decision within which the record should be published.
    public var publicationTargetWorkingDays: Int = 2
    /// Clear days' notice of a key decision (reg 9).
    public var keyDecisionNoticeClearDays: Int = 28
    /// Clear days after the general-exception notice before the decision (reg 10).
    public var generalExceptionNoticeClearDays: Int = 5
    /// Clear days before a meeting that its papers must be available (regs 6-7).
    public var meetingPapersClearDays: Int = 5
    /// How the papers' clear days are counted.
    public var meetingPapersCount: ClearDayCount = .calendar
    /// Spending or saving from which a decision is key (reg 8), in pounds.
    public var keyDecisionThresholdPounds: Int = 500_000
    /// Member signatories a call-in needs (when not by the scrutiny chair alone).
    public var callInMembersRequired: Int = 3
    /// Whether the scrutiny chair alone may call a decision in.
    public var scrutinyChairAloneMayCallIn: Bool = true
    /// Working days after a call-in within which scrutiny must meet.
    public var scrutinyMeetingWithinWorkingDays: Int = 10

    public init() {}

    public init(from decoder: any Decoder) throws {
        // Missing fields keep their defaults, so a council's file need only hold what differs.
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = CouncilRules()
        callInPeriodWorkingDays = try c.decodeIfPresent(Int.self, forKey: .callInPeriodWorkingDays) ?? d.callInPeriodWorkingDays
        effectiveAfterCallIn = try c.decodeIfPresent(EffectiveRule.self, forKey: .effectiveAfterCallIn) ?? d.effectiveAfterCallIn
        publicationTargetWorkingDays = try c.decodeIfPresent(Int.self, forKey: .publicationTargetWorkingDays) ?? d.publicationTargetWorkingDays
        keyDecisionNoticeClearDays = try c.decodeIfPresent(Int.self, forKey: .keyDecisionNoticeClearDays) ?? d.keyDecisionNoticeClearDays
        generalExceptionNoticeClearDays = try c.decodeIfPresent(Int.self, forKey: .generalExceptionNoticeClearDays) ?? d.generalExceptionNoticeClearDays
        meetingPapersClearDays = try c.decodeIfPresent(Int.self, forKey: .meetingPapersClearDays) ?? d.meetingPapersClearDays
        meetingPapersCount = try c.decodeIfPresent(ClearDayCount.self, forKey: .meetingPapersCount) ?? d.meetingPapersCount
        keyDecisionThresholdPounds = try c.decodeIfPresent(Int.self, forKey: .keyDecisionThresholdPounds) ?? d.keyDecisionThresholdPounds
        callInMembersRequired = try c.decodeIfPresent(Int.self, forKey: .callInMembersRequired) ?? d.callInMembersRequired
        scrutinyChairAloneMayCallIn = try c.decodeIfPresent(Bool.self, forKey: .scrutinyChairAloneMayCallIn) ?? d.scrutinyChairAloneMayCallIn
        scrutinyMeetingWithinWorkingDays = try c.decodeIfPresent(Int.self, forKey: .scrutinyMeetingWithinWorkingDays) ?? d.scrutinyMeetingWithinWorkingDays
        // Rules are checked whenever they are read, not only when set: a value edited into a
        // file or the store by other means must not reach the deadline engine.
        if decoder.userInfo[Self.readingToRepair] as? Bool != true, let problem = problems().first {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: c.codingPath, debugDescription: problem.message))
        }
    }

    /// Set to true in a decoder's userInfo to read rules that are out of limits, so that
    /// `rules set` can repair a stored value (the result is checked again before it is saved).
    public static let readingToRepair = CodingUserInfoKey(rawValue: "cabinet.rules.readingToRepair")!

    /// The whole-number settings and the values each accepts: the one statement of the limits,
    /// used by `set` and by `problems()`.
    static let limits: [(key: String, range: ClosedRange<Int>, value: any KeyPath<CouncilRules, Int> & Sendable)] = [
        ("call-in-period", 1...30, \.callInPeriodWorkingDays),
        ("publication-target", 0...30, \.publicationTargetWorkingDays),
        ("key-decision-notice", 0...366, \.keyDecisionNoticeClearDays),
        ("general-exception-notice", 0...366, \.generalExceptionNoticeClearDays),
        ("meeting-papers", 0...366, \.meetingPapersClearDays),
        ("key-decision-threshold", 0...Int.max, \.keyDecisionThresholdPounds),
        ("call-in-members", 1...100, \.callInMembersRequired),
        ("scrutiny-meeting-within", 1...60, \.scrutinyMeetingWithinWorkingDays),
    ]

    /// Every setting outside what `set` accepts, each naming its key; empty when all are valid.
    public func problems() -> [SettingError] {
        var found = Self.limits.compactMap { limit -> SettingError? in
            let value = self[keyPath: limit.value]
            guard !limit.range.contains(value) else { return nil }
            let accepted = Self.keys.first { $0.name == limit.key }?.accepted ?? "\(limit.range)"
            return SettingError(key: limit.key, value: String(value), message: "\(limit.key): \(value) is not accepted; expected \(accepted)")
        }
        if case .workingDaysAfterPeriodEnds(let n) = effectiveAfterCallIn, EffectiveRule(text: "working-days-after:\(n)") == nil {
            found.append(SettingError(key: "effective-from", value: effectiveAfterCallIn.description,
                                      message: "effective-from: \"\(effectiveAfterCallIn)\" is not accepted; expected \(EffectiveRule.accepted)"))
        }
        return found
    }

    // MARK: - Key/value access for the command line

    /// One setting as the command line names it.
    public struct RuleKey: Sendable, Hashable {
        /// kebab-case, e.g. "call-in-period".
        public let name: String
        public let description: String
        /// The values `set` accepts, in words.
        public let accepted: String
    }

    public static let keys: [RuleKey] = [
        RuleKey(name: "call-in-period", description: "working days after publication during which a decision may be called in",
                accepted: "a whole number of working days, 1-30"),
        RuleKey(name: "effective-from", description: "when a decision subject to call-in becomes effective, relative to the end of the call-in period",
                accepted: EffectiveRule.accepted),
        RuleKey(name: "publication-target", description: "working days after the decision within which its record is published (regs 12-13)",
                accepted: "a whole number of working days, 0-30"),
        RuleKey(name: "key-decision-notice", description: "clear days' notice of a key decision (reg 9)",
                accepted: "a whole number of clear days, 0-366"),
        RuleKey(name: "general-exception-notice", description: "clear days between the general-exception notice and the decision (reg 10)",
                accepted: "a whole number of clear days, 0-366"),
        RuleKey(name: "meeting-papers", description: "clear days before a meeting that its papers must be available (regs 6-7)",
                accepted: "a whole number of clear days, 0-366"),
        RuleKey(name: "meeting-papers-count", description: "how the meeting papers' clear days are counted",
                accepted: "calendar or working"),
        RuleKey(name: "key-decision-threshold", description: "spending or saving (pounds) from which a decision is key (reg 8)",
                accepted: "a whole number of pounds, 0 or more (commas and a leading £ allowed)"),
        RuleKey(name: "call-in-members", description: "member signatories a call-in needs",
                accepted: "a whole number of members, 1-100"),
        RuleKey(name: "chair-may-call-in-alone", description: "whether the scrutiny chair alone may call a decision in",
                accepted: "yes or no (also true/false)"),
        RuleKey(name: "scrutiny-meeting-within", description: "working days after a call-in within which scrutiny must meet",
                accepted: "a whole number of working days, 1-60"),
    ]

    /// An error from `set`, naming the key and what it accepts.
    public struct SettingError: Error, Equatable, Sendable, CustomStringConvertible {
        public var key: String
        public var value: String
        public var message: String
        public var description: String { message }
    }

    /// The current value of `key` in the form `set` accepts; "" for an unknown key (the
    /// names are in `keys`).
    public func value(of key: String) -> String {
        switch key {
        case "call-in-period": String(callInPeriodWorkingDays)
        case "effective-from": effectiveAfterCallIn.description
        case "publication-target": String(publicationTargetWorkingDays)
        case "key-decision-notice": String(keyDecisionNoticeClearDays)
        case "general-exception-notice": String(generalExceptionNoticeClearDays)
        case "meeting-papers": String(meetingPapersClearDays)
        case "meeting-papers-count": meetingPapersCount.rawValue
        case "key-decision-threshold": String(keyDecisionThresholdPounds)
        case "call-in-members": String(callInMembersRequired)
        case "chair-may-call-in-alone": scrutinyChairAloneMayCallIn ? "yes" : "no"
        case "scrutiny-meeting-within": String(scrutinyMeetingWithinWorkingDays)
        default: ""
        }
    }

    /// Sets `key` from its text form. Throws `SettingError` naming the key and the accepted
    /// values when the key is unknown or the value does not fit.
    public mutating func set(_ key: String, _ value: String) throws {
        guard let rule = Self.keys.first(where: { $0.name == key }) else {
            throw SettingError(key: key, value: value, message:
                "unknown rule \"\(key)\"; known rules: " + Self.keys.map(\.name).joined(separator: ", "))
        }
        let text = value.trimmingCharacters(in: .whitespaces)
        func bad() -> SettingError {
            SettingError(key: key, value: value, message: "\(key): \"\(value)\" is not accepted; expected \(rule.accepted)")
        }
        func int() throws -> Int {
            let range = Self.limits.first { $0.key == key }!.range
            guard let n = Int(text), range.contains(n) else { throw bad() }
            return n
        }
        switch key {
        case "call-in-period": callInPeriodWorkingDays = try int()
        case "effective-from":
            guard let r = EffectiveRule(text: text) else { throw bad() }
            effectiveAfterCallIn = r
        case "publication-target": publicationTargetWorkingDays = try int()
        case "key-decision-notice": keyDecisionNoticeClearDays = try int()
        case "general-exception-notice": generalExceptionNoticeClearDays = try int()
        case "meeting-papers": meetingPapersClearDays = try int()
        case "meeting-papers-count":
            guard let c = ClearDayCount(rawValue: text.lowercased()) else { throw bad() }
            meetingPapersCount = c
        case "key-decision-threshold":
            var digits = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "_", with: "")
            if digits.hasPrefix("£") { digits.removeFirst() }
            guard let n = Int(digits), n >= 0 else { throw bad() }
            keyDecisionThresholdPounds = n
        case "call-in-members": callInMembersRequired = try int()
        case "chair-may-call-in-alone":
            switch text.lowercased() {
            case "yes", "true", "y", "1": scrutinyChairAloneMayCallIn = true
            case "no", "false", "n", "0": scrutinyChairAloneMayCallIn = false
            default: throw bad()
            }
        case "scrutiny-meeting-within": scrutinyMeetingWithinWorkingDays = try int()
        default: throw bad()
        }
    }
}
