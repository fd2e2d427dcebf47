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
/// Counting is O(1) and adding O(log days) inside the holiday calendar's precomputed years
/// (a prefix count of working days per day, which covers every supported date with a
/// margin); outside them both go a year at a time (weekdays by arithmetic, less that
/// year's holidays), so no span, however long, is walked day by day.
public struct WorkingCalendar: Sendable {
    public static let englandAndWales = WorkingCalendar(holidays: .englandAndWales)

    public let holidays: BankHolidayCalendar
    private let firstDay: Int
    /// prefix[i] = working days in [firstDay, firstDay + i).
    private let prefix: [Int32]
    /// The day after the last tabulated day: prefix covers [firstDay, endDay].
    private var endDay: Int { firstDay + prefix.count - 1 }

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
    ///
    /// The answer is the first day `x` after `date` with `workingDays(from: date, to: x) == n`
    /// (the count only rises on working days, so that day is one), found by bisection.
    public func addingWorkingDays(_ n: Int, to date: CivilDate) -> CivilDate {
        guard n != 0 else { return date }
        if n < 0 {
            // The |n|-th working day before: the last x < date with |n| working days in [x, date).
            let want = n.magnitude
            var low = date.dayNumber - Self.calendarDaysSpanning(workingDays: want), high = date.dayNumber - 1
            while low < high {
                let mid = low + (high - low + 1) / 2
                if UInt(workingDaysBefore(date.dayNumber) - workingDaysBefore(mid)) >= want { low = mid } else { high = mid - 1 }
            }
            return CivilDate(dayNumber: low)
        }
        let want = n.magnitude
        let base = workingDaysBefore(date.dayNumber + 1)
        var low = date.dayNumber + 1, high = date.dayNumber + Self.calendarDaysSpanning(workingDays: want)
        while low < high {
            let mid = low + (high - low) / 2
            if UInt(workingDaysBefore(mid + 1) - base) >= want { high = mid } else { low = mid + 1 }
        }
        return CivilDate(dayNumber: low)
    }

    /// Calendar days certain to hold `n` working days: at least 5 in every 7 days are
    /// weekdays and no year has more than 16 holidays, so 2n + 30 days always do.
    private static func calendarDaysSpanning(workingDays n: UInt) -> Int {
        let (doubled, overflow) = Int(clamping: n).multipliedReportingOverflow(by: 2)
        precondition(!overflow && doubled < Int.max / 4, "a span of \(n) working days is beyond any calendar")
        return doubled + 30
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
        if i < 0 { return -untabulatedWorkingDays(from: dayNumber, to: firstDay) }
        return Int(prefix[prefix.count - 1]) + untabulatedWorkingDays(from: endDay, to: dayNumber)
    }

    /// Working days in [start, end) outside the table: weekdays by arithmetic, less the
    /// holidays of each year the span touches. O(years).
    private func untabulatedWorkingDays(from start: Int, to end: Int) -> Int {
        guard start < end else { return 0 }
        var holidayCount = 0
        for year in CivilDate(dayNumber: start).year...CivilDate(dayNumber: end - 1).year {
            // Substitution leaves every holiday on a weekday; a proclamation could repeat a date.
            let days = Set(holidays.holidays(in: year).map(\.date.dayNumber).filter { $0 >= start && $0 < end })
            holidayCount += days.filter { !CivilDate(dayNumber: $0).isWeekend }.count
        }
        return Self.weekdays(from: start, to: end) - holidayCount
    }

    /// Monday-to-Friday days in [start, end): whole weeks, then at most six days.
    static func weekdays(from start: Int, to end: Int) -> Int {
        let span = end - start
        var count = span / 7 * 5
        var day = start + span / 7 * 7
        while day < end {
            if !CivilDate(dayNumber: day).isWeekend { count += 1 }
            day += 1
        }
        return count
    }
}
