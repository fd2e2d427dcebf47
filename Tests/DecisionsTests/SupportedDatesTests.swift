import Foundation
import Testing
@testable import Decisions

private func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }

/// The working days in (start, end], counted one day at a time: the definition itself,
/// as an oracle for the calendar's arithmetic.
private func countedDayByDay(_ calendar: WorkingCalendar, from start: CivilDate, to end: CivilDate) -> Int {
    var count = 0
    var day = start.adding(days: 1)
    while day <= end {
        if calendar.isWorkingDay(day) { count += 1 }
        day = day.adding(days: 1)
    }
    return count
}

/// Issue 16: every date the engine accepts has bounded work, and a date outside the
/// supported range is refused where it comes in.
@Suite struct SupportedDatesTests {
    let calendar = WorkingCalendar.englandAndWales

    @Test func theRangeIsStatedAndItsEndsAreSupported() {
        #expect(CivilDate.supportedRangeText == "1900-01-01 to 2199-12-31")
        #expect(d("1900-01-01").isSupported && d("2199-12-31").isSupported)
        #expect(!d("1899-12-31").isSupported && !d("2200-01-01").isSupported)
    }

    @Test func aFiveDigitYearParsesSoThatItCanBeRefusedForWhatItIs() throws {
        let far = try #require(CivilDate(iso: "10000-01-01"))
        #expect(far.year == 10000)
        #expect(far.iso == "10000-01-01", "printed and parsed back the same")
        #expect(throws: DateOutOfRange(what: "--today", date: far)) { try far.requireSupported("--today") }
        #expect(DateOutOfRange(what: "--today", date: far).description
            == "--today: 10000-01-01 is outside the dates Cabinet Desk works with (1900-01-01 to 2199-12-31)")
        #expect(CivilDate(iso: "+2026-01-01") == nil && CivilDate(iso: "2026-1-01") == nil && CivilDate(iso: "100000-01-01") == nil)
    }

    @Test func workingDaysBeyondTheTableAreCountedAYearAtATimeAndAgreeWithTheDefinition() {
        // Before and after the tabulated years (1898-2201), and across each edge.
        for (a, b) in [("1850-03-01", "1853-07-04"), ("1896-12-20", "1899-01-10"), ("2200-06-01", "2204-02-29"),
                       ("2201-12-24", "2202-01-05")] {
            #expect(calendar.workingDays(from: d(a), to: d(b)) == countedDayByDay(calendar, from: d(a), to: d(b)), "\(a)...\(b)")
        }
    }

    @Test func aSpanOfMillenniaIsCountedWithoutWalkingIt() {
        // 8,000 years: day by day this is three million steps of holiday computation; a year at a
        // time it is eight thousand. The weekday count is exact arithmetic; each year has 8 holidays
        // on weekdays or substitutes, so the answer lies within this band.
        let count = calendar.workingDays(from: d("1000-01-01"), to: d("9000-01-01"))
        let days = d("1000-01-01").days(until: d("9000-01-01"))
        #expect(count < days * 5 / 7 && count > days * 5 / 7 - 8_000 * 9)
        #expect(calendar.workingDays(from: d("9000-01-01"), to: d("1000-01-01")) == -count)
    }

    @Test func addingWorkingDaysFindsTheNthWorkingDayInsideAndOutsideTheTable() {
        for (start, n) in [("2026-12-23", 5), ("2026-12-29", -5), ("1850-02-01", 700), ("2203-03-03", -400), ("2199-12-20", 30),
                           ("1900-01-05", -20), ("2026-11-21", 0)] {
            let result = calendar.addingWorkingDays(n, to: d(start))
            if n == 0 { #expect(result == d(start)); continue }
            #expect(calendar.isWorkingDay(result), "\(start) \(n)")
            let counted = n > 0 ? countedDayByDay(calendar, from: d(start), to: result)
                                : -countedDayByDay(calendar, from: result.adding(days: -1), to: d(start).adding(days: -1))
            #expect(counted == n, "\(start) + \(n) working days = \(result)")
        }
        #expect(calendar.addingWorkingDays(5, to: d("2026-12-23")) == d("2027-01-04"))
        #expect(calendar.addingWorkingDays(-5, to: d("2026-12-29")) == d("2026-12-18"))
    }

    @Test func recurrencesHaveLimitsAndCheckedArithmetic() throws {
        #expect(Recurrence(text: "9223372036854775807 weeks") == nil, "2^63 - 1 weeks is not a recurrence")
        #expect(Recurrence(text: "521w") == nil && Recurrence(text: "520w") == .weeks(520))
        #expect(Recurrence(text: "121m") == nil && Recurrence(text: "every 120 months") == .months(120))
        #expect(Recurrence(text: "0w") == nil && Recurrence(text: "-2m") == nil)
        // A stored value out of limits (written before the limits, or by hand) has no next date.
        #expect(Recurrence.weeks(1 << 62).next(after: d("2026-01-01")) == nil)
        #expect(Recurrence.months(Int.max).next(after: d("2026-01-01")) == nil)
        #expect(Recurrence.months(1).next(after: d("2199-12-15")) == nil, "January 2200 is beyond the range")
        #expect(Recurrence.months(1).next(after: d("2199-11-15")) == d("2199-12-15"))
    }

    @Test func completingAnActionThatCannotRecurAgainIsRefusedNotCrashed() {
        let huge = FollowUpAction(text: "Report", due: d("2026-11-30"), recurrence: .weeks(Int.max))
        #expect(throws: RecurrenceError.self) { try huge.completing(on: d("2026-12-01")) }
        let late = FollowUpAction(text: "Report", due: d("2199-12-01"), recurrence: .months(1))
        #expect(throws: RecurrenceError(recurrence: .months(1), due: d("2199-12-01"))) { try late.completing(on: d("2199-12-02")) }
    }

    @Test func aDecisionInDecember2199ProposesNoActionBeyondTheRange() {
        let decision = Decision(id: 9, title: "Reports", decisionMaker: "Cabinet", decisionDate: d("2199-12-10"), resolutions: [
            Resolution(label: "(a)", text: "That there be monthly reports on progress."),
            Resolution(label: "(b)", text: "That a further report be brought to Cabinet."),
        ])
        let proposals = FollowUpDetector.proposals(for: decision, from: d("2199-12-10"))
        #expect(proposals.isEmpty)
        #expect(proposals.allSatisfy { $0.due.isSupported })
    }

    @Test func importedRecordsNameTheirFirstDateOutsideTheRange() {
        var decision = Decision(title: "Far future", decisionMaker: "Cabinet", decisionDate: d("2026-01-05"))
        #expect(ImportedRecords(decisions: [decision]).firstUnsupportedDate() == nil)
        decision.procedure.noticeDate = d("9999-12-01")
        #expect(ImportedRecords(decisions: [decision]).firstUnsupportedDate()
            == DateOutOfRange(what: "decision \"Far future\", notice date", date: d("9999-12-01")))
        let meeting = Meeting(body: "Cabinet", date: d("1850-01-01"))
        #expect(ImportedRecords(meetings: [meeting]).firstUnsupportedDate()?.what == "meeting \"Cabinet\", date")
    }
}

/// Issue 16: council rules are checked whenever they are read, not only when set.
@Suite struct RulesReadCheckTests {
    @Test func absurdRulesInAFileOrTheStoreAreRefusedNamingTheKey() throws {
        let json = #"{"callInPeriodWorkingDays": 100000000}"#
        do {
            _ = try JSONDecoder().decode(CouncilRules.self, from: Data(json.utf8))
            Issue.record("an absurd call-in period was accepted")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription.contains("call-in-period: 100000000 is not accepted"))
        }
        let decoder = JSONDecoder()
        decoder.userInfo[CouncilRules.readingToRepair] = true
        let repairable = try decoder.decode(CouncilRules.self, from: Data(json.utf8))
        #expect(repairable.problems().map(\.key) == ["call-in-period"])
        #expect(CouncilRules().problems().isEmpty)
    }

    @Test func setAndReadShareOneStatementOfTheLimits() throws {
        var rules = CouncilRules()
        for limit in CouncilRules.limits {
            if limit.range.lowerBound > Int.min {
                #expect(throws: CouncilRules.SettingError.self) { try rules.set(limit.key, String(limit.range.lowerBound - 1)) }
            }
            try rules.set(limit.key, String(limit.range.lowerBound))
            #expect(rules.problems().isEmpty, "\(limit.key)")
        }
    }
}
