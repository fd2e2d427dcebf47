/// A council's call-in rule read from its own published history: the rule under which each
/// decision's `Effective from` date follows from its publication (or decision) date.
///
/// ModernGov councils publish `Effective from = Publication date + N working days + 1 calendar
/// day` with N = 5 most often, but not always: some count from the decision date, some do not
/// skip bank holidays, some make the decision effective on the N-th day itself. Every candidate
/// (N from 1 to 15, each base, with and without bank holidays, the day after or the same day) is
/// tried on every pair, and the one that fits most pairs is proposed; ties go to the plainer rule
/// (from publication, bank holidays skipped, the day after, the fewest days).
public struct CallInRule: Hashable, Sendable, CustomStringConvertible {
    public enum Base: String, Sendable { case publication, decision }

    public var workingDays: Int
    public var base: Base
    public var skipsBankHolidays: Bool
    /// Effective on the calendar day after the period's last day; otherwise on the last day itself.
    public var effectiveDayAfter: Bool

    public init(workingDays: Int, base: Base, skipsBankHolidays: Bool, effectiveDayAfter: Bool) {
        self.workingDays = workingDays; self.base = base
        self.skipsBankHolidays = skipsBankHolidays; self.effectiveDayAfter = effectiveDayAfter
    }

    public var description: String {
        "\(workingDays) working days counted from the \(base.rawValue) date, bank holidays \(skipsBankHolidays ? "skipped" : "counted as working days"), "
            + (effectiveDayAfter ? "effective the calendar day after the last day" : "effective on the last day")
    }

    /// The effective date this rule gives a pair, or nil when the pair lacks the base date.
    public func effectiveDate(for pair: CallInDatePair, calendar: WorkingCalendar) -> CivilDate? {
        guard let start = base == .publication ? pair.published : pair.decided else { return nil }
        var day = start
        var remaining = workingDays
        while remaining > 0 {
            day = day.adding(days: 1)
            if skipsBankHolidays ? calendar.isWorkingDay(day) : !day.isWeekend { remaining -= 1 }
        }
        return effectiveDayAfter ? day.adding(days: 1) : day
    }

    /// Whether the engine's council rules can state this rule (they count from publication, skipping bank holidays).
    public var isExpressibleInCouncilRules: Bool { base == .publication && skipsBankHolidays }

    /// The council rules with this call-in period and effective date.
    public func applied(to rules: CouncilRules) -> CouncilRules {
        var rules = rules
        rules.callInPeriodWorkingDays = workingDays
        rules.effectiveAfterCallIn = effectiveDayAfter ? .dayAfterPeriodEnds : .lastDayOfPeriod
        return rules
    }
}

/// One published decision's dates, as the register holds them.
public struct CallInDatePair: Hashable, Sendable {
    public var id: Int64?
    public var title: String
    public var published: CivilDate?
    public var decided: CivilDate?
    public var effective: CivilDate

    public init(id: Int64?, title: String, published: CivilDate?, decided: CivilDate?, effective: CivilDate) {
        self.id = id; self.title = title; self.published = published; self.decided = decided; self.effective = effective
    }
}

public struct CallInRuleInference: Sendable {
    public var rule: CallInRule
    public var fitting: [CallInDatePair]
    public var notFitting: [CallInDatePair]
    /// The same rule with bank holidays treated the other way fits exactly the same pairs: no
    /// fitting window held a bank holiday, so the history cannot say.
    public var bankHolidaysUnshown: Bool

    /// The best rule for the pairs, or nil when there is no pair to learn from.
    public static func infer(_ pairs: [CallInDatePair], calendar: WorkingCalendar = .englandAndWales) -> CallInRuleInference? {
        guard !pairs.isEmpty else { return nil }
        // Candidates in order of preference: the first with the most fitting pairs wins.
        var candidates: [CallInRule] = []
        for base in [CallInRule.Base.publication, .decision] {
            for skips in [true, false] {
                for dayAfter in [true, false] {
                    for n in 1...15 { candidates.append(CallInRule(workingDays: n, base: base, skipsBankHolidays: skips, effectiveDayAfter: dayAfter)) }
                }
            }
        }
        func fits(_ rule: CallInRule) -> Int { pairs.filter { rule.effectiveDate(for: $0, calendar: calendar) == $0.effective }.count }
        var best = candidates[0]
        var bestFit = fits(best)
        for candidate in candidates.dropFirst() {
            let fit = fits(candidate)
            if fit > bestFit { best = candidate; bestFit = fit }
        }
        var other = best
        other.skipsBankHolidays.toggle()
        let fitting = pairs.filter { best.effectiveDate(for: $0, calendar: calendar) == $0.effective }
        let notFitting = pairs.filter { best.effectiveDate(for: $0, calendar: calendar) != $0.effective }
        let otherFitting = pairs.filter { other.effectiveDate(for: $0, calendar: calendar) == $0.effective }
        return CallInRuleInference(rule: best, fitting: fitting, notFitting: notFitting, bankHolidaysUnshown: otherFitting == fitting)
    }
}
