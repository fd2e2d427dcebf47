/// Working days (Monday to Friday, not a bank holiday) and the day-counting conventions
/// the statutory notices use.
///
/// Conventions, exactly:
/// - `addingWorkingDays(n, to: d)`: for n > 0 the n-th working day strictly after `d`;
///   for n < 0 the |n|-th working day strictly before `d`; for n = 0, `d` itself (even on a
///   weekend). `d` itself never counts, whether or not it is a working day.
/// - `workingDays(from: a, to: b)`: the number of working days `x` with `a < x <= b`
///   (start excluded, end included); negative, `-workingDays(from: b, to: a)`, when b < a.
///   So for n > 0, `workingDays(from: d, to: addingWorkingDays(n, to: d)) == n`.
/// - `clearDays(between: notice, and: event)`: the calendar days strictly between the two,
///   excluding both the day of the notice and the day of the meeting/decision; 0 when the
///   event is on the day of the notice or the next day (or earlier).
/// - `clearWorkingDays(between:and:)`: the working days strictly between.
/// - `latestNoticeDate(forDecisionOn: d, clearDays: n)`: the last date a notice can be given
///   so that n clear days pass before `d`: `d - (n + 1)`.
/// - `latestNoticeDate(forDecisionOn: d, clearWorkingDays: n)`: the last date (possibly a
///   weekend day) with n working days strictly between it and `d`: the day before the n-th
///   working day before `d`.
///
/// Counting is O(1) inside the holiday calendar's precomputed years (a prefix count of
/// working days per day); outside them it walks day by day.
public struct WorkingCalendar: Sendable {
    public static let englandAndWales = WorkingCalendar(holidays: .englandAndWales)

    public let holidays: BankHolidayCalendar
    private let firstDay: Int
    /// prefix[i] = working days in [firstDay, firstDay + i).
    private let prefix: [Int32]

    public init(holidays: BankHolidayCalendar = .englandAndWales) {
        self.holidays = holidays
        let first = CivilDate(year: holidays.years.lowerBound, month: 1, day: 1)!
        let last = CivilDate(year: holidays.years.upperBound, month: 12, day: 31)!
        firstDay = first.dayNumber
        var prefix = [Int32](repeating: 0, count: last.dayNumber - first.dayNumber + 2)
        var count: Int32 = 0
        for i in 0...(last.dayNumber - first.dayNumber) {
            prefix[i] = count
            let date = CivilDate(dayNumber: first.dayNumber + i)
            if !date.isWeekend && !holidays.isHoliday(date) { count += 1 }
        }
        prefix[prefix.count - 1] = count
        self.prefix = prefix
    }

    public func isWorkingDay(_ date: CivilDate) -> Bool { !date.isWeekend && !holidays.isHoliday(date) }

    /// See the type's conventions: the n-th working day after (n > 0) or before (n < 0) `date`.
    public func addingWorkingDays(_ n: Int, to date: CivilDate) -> CivilDate {
        var remaining = abs(n)
        let step = n < 0 ? -1 : 1
        var day = date
        while remaining > 0 {
            day = day.adding(days: step)
            if isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }

    /// Working days in (start, end]; negative when end is before start.
    public func workingDays(from start: CivilDate, to end: CivilDate) -> Int {
        if end < start { return -workingDays(from: end, to: start) }
        // Working days in [start + 1, end] = W(< end + 1) - W(< start + 1).
        return workingDaysBefore(end.dayNumber + 1) - workingDaysBefore(start.dayNumber + 1)
    }

    /// Calendar days strictly between the notice and the event (both excluded); never negative.
    public func clearDays(between notice: CivilDate, and event: CivilDate) -> Int {
        max(0, event.dayNumber - notice.dayNumber - 1)
    }

    /// Working days strictly between the notice and the event; never negative.
    public func clearWorkingDays(between notice: CivilDate, and event: CivilDate) -> Int {
        guard event.dayNumber - notice.dayNumber > 1 else { return 0 }
        return workingDays(from: notice, to: event.adding(days: -1))
    }

    /// The latest date a notice can be given so that `clearDays` calendar days pass before `decision`.
    public func latestNoticeDate(forDecisionOn decision: CivilDate, clearDays: Int) -> CivilDate {
        decision.adding(days: -(max(0, clearDays) + 1))
    }

    /// The latest date a notice can be given so that `clearWorkingDays` working days pass before `decision`.
    public func latestNoticeDate(forDecisionOn decision: CivilDate, clearWorkingDays: Int) -> CivilDate {
        guard clearWorkingDays > 0 else { return decision.adding(days: -1) }
        return addingWorkingDays(-clearWorkingDays, to: decision).adding(days: -1)
    }

    /// Working days in [firstDay-of-time, dayNumber): only differences are meaningful.
    private func workingDaysBefore(_ dayNumber: Int) -> Int {
        let i = dayNumber - firstDay
        if i >= 0 && i < prefix.count { return Int(prefix[i]) }
        if i < 0 {
            // Count backwards from firstDay: minus the working days in [dayNumber, firstDay).
            var count = 0
            for n in dayNumber..<firstDay where isWorkingDay(CivilDate(dayNumber: n)) { count += 1 }
            return -count
        }
        var count = Int(prefix[prefix.count - 1])
        let end = firstDay + prefix.count - 1
        for n in end..<dayNumber where isWorkingDay(CivilDate(dayNumber: n)) { count += 1 }
        return count
    }
}
