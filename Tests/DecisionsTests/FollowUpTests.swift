import Testing
@testable import Decisions

private func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }

@Suite struct RecurrenceTests {
    @Test(arguments: [
        ("2026-01-31", Recurrence.months(1), "2026-02-28"), ("2028-01-31", .months(1), "2028-02-29"),
        ("2026-12-31", .months(2), "2027-02-28"), ("2026-11-30", .months(3), "2027-02-28"), ("2026-08-31", .months(6), "2027-02-28"),
        ("2026-12-28", .weeks(1), "2027-01-04"), ("2026-10-15", .months(2), "2026-12-15"), ("2026-05-31", .months(12), "2027-05-31"),
    ])
    func nextDueAroundMonthEnds(_ from: String, _ r: Recurrence, _ expected: String) {
        #expect(r.next(after: d(from)) == d(expected))
    }

    @Test func parsesHowOfficersWriteIt() {
        #expect(Recurrence(text: "bi-monthly") == .months(2))
        #expect(Recurrence(text: "every 6 weeks") == .weeks(6))
        #expect(Recurrence(text: "quarterly") == .months(3))
        #expect(Recurrence(text: "3m") == .months(3))
        #expect(Recurrence(text: "sometimes") == nil)
    }
}

@Suite struct ActionTests {
    let action = FollowUpAction(text: "Report", owner: "DCS", due: d("2026-11-30"), recurrence: .months(2))

    @Test func states() {
        #expect(action.state(today: d("2026-11-30")) == .open, "due today is not yet overdue")
        #expect(action.state(today: d("2026-12-01")) == .overdue)
        var proposed = action
        proposed.isProposed = true
        #expect(proposed.state(today: d("2027-06-01")) == .proposed)
    }

    @Test func recurringActionsRollForwardWithoutDrift() throws {
        let (done, next) = try action.completing(on: d("2026-12-04"))
        #expect(done.state(today: d("2027-01-01")) == .done)
        #expect(next?.due == d("2027-01-30"), "due two months after it was due, not after it was done")
        let (_, late) = try action.completing(on: d("2027-05-01"))
        #expect(late?.due == d("2027-05-30"), "missed periods are skipped")
        var once = action
        once.recurrence = nil
        #expect(try once.completing(on: d("2026-12-01")).next == nil)
    }

    @Test func proposalsFromResolutions() {
        let decision = Decision(id: 4, title: "SEND", decisionMaker: "Cabinet", decisionDate: d("2022-12-12"), resolutions: [
            Resolution(label: "(a)", text: "That the update be noted."),
            Resolution(label: "(c)", text: "That there would be regular bi-monthly reporting on progress against the WSOA."),
            Resolution(label: "(d)", text: "That a further report be brought to Cabinet."),
            Resolution(label: "(e)", text: "That the strategy be adopted by 31 March 2023."),
        ])
        let proposals = FollowUpDetector.proposals(for: decision, from: d("2022-12-12"))
        #expect(proposals.map(\.resolutionLabel) == ["(c)", "(d)", "(e)"])
        #expect(proposals[0].recurrence == .months(2) && proposals[0].due == d("2023-02-12"))
        #expect(proposals[1].due == d("2023-03-12"))
        #expect(proposals[2].due == d("2023-03-31"))
        #expect(proposals.allSatisfy { $0.isProposed && $0.decisionID == 4 })
    }
}

@Suite struct MeasureTests {
    let ehcp = Measure(plan: "WSOA", name: "EHCPs within 20 weeks", unit: "%", baseline: 20, target: 59, targetDate: d("2023-03-31"),
                       readings: [Reading(date: d("2022-03-31"), value: 20)])

    @Test func onTrackFollowsTheLineFromBaselineToTarget() {
        var m = ehcp
        m.readings.append(Reading(date: d("2022-09-30"), value: 41))  // halfway: expected ~39.5
        #expect(m.progress(today: d("2022-10-01")) == .onTrack)
        m.readings.append(Reading(date: d("2022-12-31"), value: 42))  // three quarters: expected ~49
        #expect(m.progress(today: d("2023-01-01")) == .offTrack)
        m.readings.append(Reading(date: d("2023-02-28"), value: 60))
        #expect(m.progress(today: d("2023-03-01")) == .met)
    }

    @Test func missedOnceTheDatePassesAndLowerIsBetter() {
        #expect(ehcp.progress(today: d("2023-04-01")) == .missed)
        let waits = Measure(plan: "P", name: "Weeks waiting", target: 10, targetDate: d("2027-01-01"), higherIsBetter: false,
                            readings: [Reading(date: d("2026-01-01"), value: 30), Reading(date: d("2026-07-01"), value: 18)])
        #expect(waits.progress(today: d("2026-07-02")) == .onTrack)
        #expect(Measure(plan: "P", name: "N").progress(today: d("2026-01-01")) == .noTarget)
    }

    @Test func sparklineDrawsTheTrend() {
        let m = Measure(plan: "P", name: "N", readings: [10, 20, 15, 40].enumerated().map {
            Reading(date: d("2026-01-01").adding(days: $0.offset), value: Double($0.element)) })
        #expect(m.sparkline() == "▁▃▂█")
    }
}
