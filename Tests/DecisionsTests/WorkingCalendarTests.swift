import Testing
@testable import Decisions

@Suite struct WorkingCalendarTests {
    let cal = WorkingCalendar.englandAndWales

    @Test(arguments: [
        ("2024-07-05", true),   // Friday
        ("2024-07-06", false),  // Saturday
        ("2024-07-07", false),  // Sunday
        ("2025-04-18", false),  // Good Friday
        ("2025-04-21", false),  // Easter Monday
        ("2025-04-22", true),
        ("2021-12-27", false),  // Christmas substitute
        ("2021-12-28", false),  // Boxing Day substitute
        ("2021-12-29", true),
        ("2022-09-19", false),  // state funeral
    ])
    func workingDay(day: String, working: Bool) {
        #expect(cal.isWorkingDay(date(day)) == working)
    }

    @Test(arguments: [
        // n working days after a date, the date itself excluded.
        ("2024-07-05", 1, "2024-07-08"),   // Fri + 1 -> Mon
        ("2024-07-06", 1, "2024-07-08"),   // Sat + 1 -> Mon
        ("2024-07-08", 5, "2024-07-15"),   // Mon + 5 -> next Mon
        ("2025-04-17", 1, "2025-04-22"),   // Thu before Easter -> Tue after
        ("2025-04-16", 2, "2025-04-22"),
        ("2021-12-24", 1, "2021-12-29"),   // Fri Christmas Eve -> Wed (27, 28 substitutes)
        ("2021-12-24", 3, "2021-12-31"),
        ("2021-12-31", 1, "2022-01-04"),   // Fri -> Tue (3 Jan substitute)
        ("2022-06-01", 1, "2022-06-06"),   // over the Platinum Jubilee
        ("2024-07-10", 0, "2024-07-10"),
        ("2024-07-07", 0, "2024-07-07"),   // n = 0 is the date itself, even on a Sunday
        // Negative n goes back.
        ("2024-07-08", -1, "2024-07-05"),  // Mon - 1 -> Fri
        ("2024-07-07", -1, "2024-07-05"),  // Sun - 1 -> Fri
        ("2025-04-22", -1, "2025-04-17"),  // Easter Tuesday - 1 -> Maundy Thursday
        ("2022-01-04", -2, "2021-12-30"),
    ])
    func addingWorkingDays(start: String, n: Int, expected: String) {
        #expect(cal.addingWorkingDays(n, to: date(start)) == date(expected))
    }

    @Test(arguments: [
        // Working days x with from < x <= to.
        ("2024-07-05", "2024-07-05", 0),
        ("2024-07-05", "2024-07-08", 1),   // Fri -> Mon: only Monday
        ("2024-07-06", "2024-07-07", 0),   // Sat -> Sun
        ("2024-07-04", "2024-07-05", 1),   // Thu -> Fri
        ("2024-07-08", "2024-07-15", 5),
        ("2025-04-17", "2025-04-22", 1),   // over Easter
        ("2021-12-24", "2022-01-04", 4),   // 29, 30, 31 Dec, 4 Jan
        ("2024-07-15", "2024-07-08", -5),  // reversed
    ])
    func workingDaysBetween(from: String, to: String, expected: Int) {
        #expect(cal.workingDays(from: date(from), to: date(to)) == expected)
    }

    @Test func tenYearsOfWorkingDays() {
        // Weekdays in 2018-2027 minus the 83 official holidays (all on weekdays); the start,
        // 1 Jan 2018, is itself a weekday holiday, so excluding it changes neither side.
        var weekdays = 0
        var d = date("2018-01-01")
        while d <= date("2027-12-31") { if !d.isWeekend { weekdays += 1 }; d = d.adding(days: 1) }
        #expect(cal.workingDays(from: date("2018-01-01"), to: date("2027-12-31")) == weekdays - 83)
    }

    @Test(arguments: [-20, -5, -1, 1, 2, 5, 10, 28, 300])
    func addingAndCountingAgree(n: Int) {
        for start in stride(from: date("2021-12-20").dayNumber, through: date("2022-01-10").dayNumber, by: 1) {
            let d = CivilDate(dayNumber: start)
            let target = cal.addingWorkingDays(n, to: d)
            if n > 0 {
                #expect(cal.workingDays(from: d, to: target) == n)
                #expect(cal.isWorkingDay(target))
            } else {
                // (target, d] holds the |n| - 1 working days after target, plus d when it is one.
                #expect(cal.workingDays(from: target, to: d) == -n - 1 + (cal.isWorkingDay(d) ? 1 : 0))
                #expect(cal.isWorkingDay(target))
            }
        }
    }

    @Test func countingOutsideThePrecomputedYears() {
        // 1989-12-29 (Fri) to 1990-01-03 (Wed): 1 Jan 1990 a holiday; 2 and 3 Jan working.
        #expect(cal.workingDays(from: date("1989-12-29"), to: date("1990-01-03")) == 2)
        // 29, 30, 31 Dec 2100 and 4 Jan 2101 (27, 28 Dec substitutes; 1 Jan 2101 a Saturday -> Mon 3 Jan).
        #expect(cal.workingDays(from: date("2100-12-24"), to: date("2101-01-04")) == 4)
        #expect(cal.addingWorkingDays(1, to: date("2100-12-24")) == date("2100-12-29"))
    }

    @Test(arguments: [
        ("2024-07-01", "2024-07-02", 0),
        ("2024-07-01", "2024-07-01", 0),
        ("2024-07-02", "2024-07-01", 0),
        ("2024-07-01", "2024-07-03", 1),
        ("2026-10-25", "2026-11-23", 28),
        ("2026-11-10", "2026-11-23", 12),
    ])
    func clearDays(notice: String, event: String, expected: Int) {
        #expect(cal.clearDays(between: date(notice), and: date(event)) == expected)
    }

    @Test(arguments: [
        ("2024-07-05", "2024-07-08", 0),   // Fri notice, Mon meeting: nothing between
        ("2024-07-04", "2024-07-08", 1),   // Thu notice, Mon meeting: Friday
        ("2024-07-01", "2024-07-08", 4),   // Mon to Mon: Tue-Fri
        ("2025-04-16", "2025-04-23", 2),   // Wed to Wed over Easter: Thu 17, Tue 22
        ("2021-12-23", "2022-01-05", 5),   // 24, 29, 30, 31 Dec, 4 Jan (27, 28 Dec and 3 Jan holidays)
    ])
    func clearWorkingDays(notice: String, event: String, expected: Int) {
        #expect(cal.clearWorkingDays(between: date(notice), and: date(event)) == expected)
    }

    @Test(arguments: [
        ("2026-11-23", 28, "2026-10-25"),
        ("2024-07-08", 5, "2024-07-02"),
        ("2024-07-08", 0, "2024-07-07"),
    ])
    func latestNoticeForClearDays(decision: String, n: Int, expected: String) {
        let latest = cal.latestNoticeDate(forDecisionOn: date(decision), clearDays: n)
        #expect(latest == date(expected))
        #expect(cal.clearDays(between: latest, and: date(decision)) == n)
        #expect(cal.clearDays(between: latest.adding(days: 1), and: date(decision)) == n - 1 || n == 0)
    }

    @Test(arguments: [
        ("2024-07-12", 5, "2024-07-04"),   // Fri meeting: notice by Thu of the week before
        ("2024-07-10", 2, "2024-07-07"),   // Wed meeting, 2 clear working days (Mon, Tue): by Sun
        ("2025-04-23", 5, "2025-04-13"),   // Wed after Easter: 14, 15, 16, 17, 22 April clear; by Sun 13
        ("2022-01-05", 3, "2021-12-29"),   // 30, 31 Dec, 4 Jan clear (3 Jan substitute)
    ])
    func latestNoticeForClearWorkingDays(decision: String, n: Int, expected: String) {
        let latest = cal.latestNoticeDate(forDecisionOn: date(decision), clearWorkingDays: n)
        #expect(cal.clearWorkingDays(between: latest, and: date(decision)) >= n)
        #expect(cal.clearWorkingDays(between: latest.adding(days: 1), and: date(decision)) < n)
        #expect(latest == date(expected))
    }
}
