import Testing
import PropertyBased
@testable import Decisions

/// The laws the statutory engine rests on, checked over the whole supported range (issue 16,
/// item 8): every day, or random days and counts drawn by swift-property-based.
@Suite struct StatuteLawsTests {
    static let calendar = WorkingCalendar.englandAndWales
    static let days = CivilDate.earliestSupported.dayNumber...CivilDate.latestSupported.dayNumber
    /// Any supported date.
    static let anyDate = Gen.int(in: days).map { CivilDate(dayNumber: $0) }

    @Test func everyDayOfTheRangeRoundTripsThroughItsFieldsAndBothTextForms() {
        var failures = 0
        for dayNumber in Self.days {
            let date = CivilDate(dayNumber: dayNumber)
            let c = date.components
            let ok = CivilDate(year: c.year, month: c.month, day: c.day) == date
                && CivilDate(iso: date.iso) == date && CivilDate(ukNumeric: date.ukNumeric) == date
                && (1...7).contains(date.weekday) && date.adding(days: 1).weekday == date.weekday % 7 + 1
            if !ok { failures += 1; if failures < 5 { Issue.record("\(dayNumber) \(date.iso) does not round-trip") } }
        }
        #expect(failures == 0)
        #expect(Self.days.count == 300 * 365 + 73, "1900-01-01 to 2199-12-31 inclusive: 73 leap days (not 1900, 2100)")
    }

    @Test func addingNWorkingDaysThenCountingBackGivesN() async {
        await propertyCheck(count: 500, input: Self.anyDate, Gen.int(in: -3_000...3_000)) { date, n in
            let moved = Self.calendar.addingWorkingDays(n, to: date)
            guard moved.isSupported else { return }
            if n > 0 {
                #expect(Self.calendar.workingDays(from: date, to: moved) == n, "\(date) + \(n) = \(moved)")
            } else if n < 0 {
                // Counting from the n-th working day before back to the day before `date`.
                #expect(Self.calendar.workingDays(from: moved.adding(days: -1), to: date.adding(days: -1)) == -n, "\(date) \(n) = \(moved)")
            }
            if n != 0 { #expect(Self.calendar.isWorkingDay(moved)) }
            // From a working day, going forward n and back n returns to it.
            if Self.calendar.isWorkingDay(date) {
                #expect(Self.calendar.addingWorkingDays(-n, to: moved) == date, "\(date) \(n)")
            }
        }
    }

    @Test func countingIsAdditiveAndAntisymmetric() async {
        await propertyCheck(count: 300, input: Self.anyDate, Self.anyDate, Self.anyDate) { a, b, c in
            let cal = Self.calendar
            #expect(cal.workingDays(from: a, to: b) + cal.workingDays(from: b, to: c) == cal.workingDays(from: a, to: c))
            #expect(cal.workingDays(from: a, to: b) == -cal.workingDays(from: b, to: a))
        }
    }

    static func rules(callInPeriod period: Int) -> CouncilRules {
        var rules = CouncilRules()
        rules.callInPeriodWorkingDays = period
        rules.publicationTargetWorkingDays = period % 10 + 1
        rules.scrutinyMeetingWithinWorkingDays = period * 2
        rules.effectiveAfterCallIn = .workingDaysAfterPeriodEnds(period % 5 + 1)
        return rules
    }

    @Test func aDeadlineCountedInWorkingDaysNeverFallsOnAWeekendOrBankHoliday() async {
        let countedInWorkingDays: Set<DeadlineKind> = [.publication, .callInEnds, .effectiveFrom, .scrutinyMeeting]
        await propertyCheck(count: 300, input: Self.anyDate, Gen.int(in: 1...30), Gen.int(in: 0...20)) { decided, period, lag in
            let rules = Self.rules(callInPeriod: period)
            var decision = Decision(title: "Law", decisionMaker: "Cabinet", stage: .calledIn, isSubjectToCallIn: true,
                                    decisionDate: decided)
            decision.publicationDate = decided.adding(days: lag / 2)
            decision.procedure.calledInDate = decided.adding(days: lag)
            let calculator = DeadlineCalculator(rules: rules, calendar: Self.calendar)
            for deadline in calculator.deadlines(for: decision, today: decided) where countedInWorkingDays.contains(deadline.kind) {
                guard let date = deadline.date else { continue }
                #expect(Self.calendar.isWorkingDay(date), "\(deadline.kind) on \(date) (\(date.weekday)) for a decision of \(decided)")
            }
        }
    }
}
