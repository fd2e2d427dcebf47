import Foundation
import Testing
@testable import Decisions

@Suite struct PerformanceTests {
    /// The register computes the next deadline for every visible row on every redraw; even a
    /// debug build must do thousands of rows in well under a second.
    @Test func nextDeadlineForTenThousandRows() {
        let calc = DeadlineCalculator()
        let rows = (0..<10_000).map { i -> Decision in
            var d = i % 2 == 0 ? publishedDecision(decided: "2015-07-20", published: "2015-07-22") : cabinetKeyDecision()
            d.title += " \(i)"
            return d
        }
        let clock = ContinuousClock()
        var found = 0
        let elapsed = clock.measure {
            for d in rows where calc.nextDeadline(for: d, today: date("2026-11-01")) != nil { found += 1 }
        }
        #expect(found == 5_000)
        #expect(elapsed < .seconds(2), "took \(elapsed)")
        print("nextDeadline x 10,000: \(elapsed)")
    }

    @Test func buildingTheCalendarsIsCheap() throws {
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            _ = WorkingCalendar(holidays: try BankHolidayCalendar(officialListText: officialListText))
        }
        #expect(elapsed < .seconds(1), "took \(elapsed)")
        print("official calendar + working calendar: \(elapsed)")
    }
}
