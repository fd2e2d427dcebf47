/// Which key decisions a notice of key decisions (the forward plan, reg 9 of SI 2012/2089)
/// lists, decided once here for the document, the act that publishes it and the tests.
public struct ForwardPlanPeriod: Hashable, Sendable {
    public var first: CivilDate
    public var last: CivilDate

    public init(first: CivilDate, last: CivilDate) { self.first = first; self.last = last }

    /// `months` calendar months from `from`: 23 November for four months runs to 22 March.
    /// A day past the end of a shorter month is the last day of that month.
    public init(from: CivilDate, months: Int) {
        let total = from.month - 1 + months
        let year = from.year + (total >= 0 ? total / 12 : (total - 11) / 12)
        let month = ((total % 12) + 12) % 12 + 1
        let day = min(from.day, CivilDate.daysIn(month: month, year: year))
        let end = CivilDate(year: year, month: month, day: day) ?? from
        self.init(first: from, last: max(from, end.adding(days: -1)))
    }

    public func contains(_ day: CivilDate) -> Bool { first <= day && day <= last }
}

extension Decision {
    /// The date the decision is to be taken: the date it is scheduled for, else its meeting's.
    public var dateToBeTaken: CivilDate? { procedure.scheduledFor ?? meeting?.date }

    /// Whether the decision is still to be taken (proposed, or deferred to a later date).
    public var isYetToBeTaken: Bool { stage == .proposed || stage == .deferred }

    /// Whether a forward plan for `period` lists this decision: a key decision still to be
    /// taken, on a date within the period.
    public func isOnForwardPlan(for period: ForwardPlanPeriod) -> Bool {
        guard isKeyDecision, isYetToBeTaken, let day = dateToBeTaken else { return false }
        return period.contains(day)
    }
}

extension DeadlineCalculator {
    /// Why a forward plan published on `notice` is too late for decision `d` (fewer than the
    /// council's clear days before its date, with no general exception or special urgency on
    /// the record: R-KEY-NOTICE-28), or nil when the notice is in time.
    public func shortNotice(of d: Decision, publishedOn notice: CivilDate) -> String? {
        guard let day = d.dateToBeTaken, d.procedure.noticeDate.map({ $0 >= notice }) ?? true else { return nil }
        let latest = latestKeyDecisionNotice(before: day)
        guard notice > latest, noticeException(for: d, on: day) == nil else { return nil }
        return "\(d.reference ?? d.id.map { "#\($0)" } ?? "-") \(d.title): due \(day.iso), but this notice gives only "
            + "\(calendar.clearDays(between: notice, and: day)) clear days (\(rules.keyDecisionNoticeClearDays) by \(latest.iso), rule "
            + "\(RuleID.keyDecisionNotice.id)); it may be taken then only under the general exception or special urgency"
    }
}
