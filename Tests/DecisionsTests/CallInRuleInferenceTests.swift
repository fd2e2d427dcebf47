import Testing
@testable import Decisions

@Suite struct CallInRuleInferenceTests {
    static func pair(_ published: String?, _ decided: String?, _ effective: String) -> CallInDatePair {
        CallInDatePair(id: nil, title: effective, published: published.flatMap { CivilDate(iso: $0) },
                       decided: decided.flatMap { CivilDate(iso: $0) }, effective: CivilDate(iso: effective)!)
    }

    @Test func theUsualFiveWorkingDaysAndADayFromPublication() throws {
        // Southwark-like: published Monday, effective Tuesday week; published Friday, effective Saturday week.
        let inference = try #require(CallInRuleInference.infer([Self.pair("2020-03-02", nil, "2020-03-10"), Self.pair("2021-02-26", nil, "2021-03-06")]))
        #expect(inference.rule == CallInRule(workingDays: 5, base: .publication, skipsBankHolidays: true, effectiveDayAfter: true))
        #expect(inference.notFitting.isEmpty)
        #expect(inference.bankHolidaysUnshown)
    }

    @Test func bankHolidaysSkippedOrNotAsTheHistoryShows() throws {
        // Bromley 2017: Good Friday and Easter Monday skipped. Epping Forest 2018: Spring bank holiday counted.
        let skipped = try #require(CallInRuleInference.infer([Self.pair("2017-04-10", nil, "2017-04-20")]))
        #expect(skipped.rule.skipsBankHolidays && skipped.rule.workingDays == 5 && !skipped.bankHolidaysUnshown)
        // Alone, that pair fits "4 days + 1, skipped" as well: a window with no holiday settles N.
        let counted = try #require(CallInRuleInference.infer([Self.pair("2018-03-07", nil, "2018-03-15"), Self.pair("2018-05-23", nil, "2018-05-31")]))
        #expect(!counted.rule.skipsBankHolidays && counted.rule.workingDays == 5)
        #expect(!counted.rule.isExpressibleInCouncilRules)
    }

    @Test func countedFromTheDecisionWhenThatIsWhatFits() throws {
        // York-like: 2 working days after the decision, published a day later each time.
        let inference = try #require(CallInRuleInference.infer([
            Self.pair("2014-11-21", "2014-11-20", "2014-11-25"), Self.pair("2015-03-04", "2015-03-03", "2015-03-06"),
            Self.pair("2016-06-08", "2016-06-06", "2016-06-09"),
        ]))
        #expect(inference.rule.base == .decision && inference.rule.workingDays == 2 && inference.rule.effectiveDayAfter)
        #expect(inference.fitting.count == 3)
    }

    @Test func effectiveOnTheLastDayAndPairsThatDoNotFitAreListed() throws {
        // Stockport-like: effective on the 5th working day ("4 days + 1" gives the same date unless
        // the 4th is a Friday, as after a Monday publication); one pair set by hand.
        let inference = try #require(CallInRuleInference.infer([
            Self.pair("2022-03-07", nil, "2022-03-14"), Self.pair("2022-05-10", nil, "2022-05-17"), Self.pair("2022-07-01", nil, "2022-09-01"),
        ]))
        #expect(inference.rule == CallInRule(workingDays: 5, base: .publication, skipsBankHolidays: true, effectiveDayAfter: false))
        #expect(inference.notFitting.map(\.title) == ["2022-09-01"])
        var rules = CouncilRules()
        rules = inference.rule.applied(to: rules)
        #expect(rules.callInPeriodWorkingDays == 5 && rules.effectiveAfterCallIn == .lastDayOfPeriod)
    }

    @Test func nothingToLearnFrom() { #expect(CallInRuleInference.infer([]) == nil) }
}
