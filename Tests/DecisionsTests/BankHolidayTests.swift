import Foundation
import Testing
@testable import Decisions

func date(_ iso: String) -> CivilDate {
    guard let d = CivilDate(iso: iso) else { fatalError("bad test date \(iso)") }
    return d
}

/// The official GOV.UK list kept in the repository (Data/), read once for the tests.
let officialListText: String = {
    let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Data/bank-holidays-england-and-wales.txt")
    return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
}()

@Suite struct BankHolidayTests {
    let calendar = BankHolidayCalendar.englandAndWales

    @Test func officialFileParses() throws {
        let official = try BankHolidayCalendar.parseOfficialList(officialListText)
        #expect(official.count == 83)
        #expect(official.first == BankHoliday(date: date("2018-01-01"), name: "New Year’s Day"))
        #expect(official.contains(BankHoliday(date: date("2020-12-28"), name: "Boxing Day", isSubstitute: true)))
        #expect(official.contains(BankHoliday(date: date("2020-05-08"), name: "Early May bank holiday (VE day)")))
    }

    @Test(arguments: 2018...2027)
    func computedEqualsOfficial(year: Int) throws {
        let official = try BankHolidayCalendar.parseOfficialList(officialListText).filter { $0.date.year == year }
        #expect(!official.isEmpty)
        #expect(BankHolidayCalendar.computed(year: year) == official)
        #expect(calendar.holidays(in: year) == official)
    }

    @Test func officialFileRoundTripsThroughDescription() throws {
        let official = try BankHolidayCalendar.parseOfficialList(officialListText)
        let lines = officialListText.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
        #expect(official.map(\.description) == lines)
    }

    @Test(arguments: [
        (1995, ["1995-01-02 New Year’s Day [Substitute day]", "1995-04-14 Good Friday", "1995-04-17 Easter Monday",
                "1995-05-08 Early May bank holiday (VE day)", "1995-05-29 Spring bank holiday",
                "1995-08-28 Summer bank holiday", "1995-12-25 Christmas Day", "1995-12-26 Boxing Day"]),
        (1999, ["1999-01-01 New Year’s Day", "1999-04-02 Good Friday", "1999-04-05 Easter Monday",
                "1999-05-03 Early May bank holiday", "1999-05-31 Spring bank holiday", "1999-08-30 Summer bank holiday",
                "1999-12-27 Christmas Day [Substitute day]", "1999-12-28 Boxing Day [Substitute day]",
                "1999-12-31 Millennium celebrations"]),
        (2002, ["2002-01-01 New Year’s Day", "2002-03-29 Good Friday", "2002-04-01 Easter Monday",
                "2002-05-06 Early May bank holiday", "2002-06-03 Golden Jubilee bank holiday",
                "2002-06-04 Spring bank holiday", "2002-08-26 Summer bank holiday", "2002-12-25 Christmas Day",
                "2002-12-26 Boxing Day"]),
        (2011, ["2011-01-03 New Year’s Day [Substitute day]", "2011-04-22 Good Friday", "2011-04-25 Easter Monday",
                "2011-04-29 Royal wedding", "2011-05-02 Early May bank holiday", "2011-05-30 Spring bank holiday",
                "2011-08-29 Summer bank holiday", "2011-12-26 Boxing Day", "2011-12-27 Christmas Day [Substitute day]"]),
        (2012, ["2012-01-02 New Year’s Day [Substitute day]", "2012-04-06 Good Friday", "2012-04-09 Easter Monday",
                "2012-05-07 Early May bank holiday", "2012-06-04 Spring bank holiday", "2012-06-05 Queen’s Diamond Jubilee",
                "2012-08-27 Summer bank holiday", "2012-12-25 Christmas Day", "2012-12-26 Boxing Day"]),
        (2020, ["2020-01-01 New Year’s Day", "2020-04-10 Good Friday", "2020-04-13 Easter Monday",
                "2020-05-08 Early May bank holiday (VE day)", "2020-05-25 Spring bank holiday",
                "2020-08-31 Summer bank holiday", "2020-12-25 Christmas Day", "2020-12-28 Boxing Day [Substitute day]"]),
        (2022, ["2022-01-03 New Year’s Day [Substitute day]", "2022-04-15 Good Friday", "2022-04-18 Easter Monday",
                "2022-05-02 Early May bank holiday", "2022-06-02 Spring bank holiday", "2022-06-03 Platinum Jubilee bank holiday",
                "2022-08-29 Summer bank holiday", "2022-09-19 Bank Holiday for the State Funeral of Queen Elizabeth II",
                "2022-12-26 Boxing Day", "2022-12-27 Christmas Day [Substitute day]"]),
        (2023, ["2023-01-02 New Year’s Day [Substitute day]", "2023-04-07 Good Friday", "2023-04-10 Easter Monday",
                "2023-05-01 Early May bank holiday", "2023-05-08 Bank holiday for the coronation of King Charles III",
                "2023-05-29 Spring bank holiday", "2023-08-28 Summer bank holiday", "2023-12-25 Christmas Day",
                "2023-12-26 Boxing Day"]),
        // Rule-only years.
        (1990, ["1990-01-01 New Year’s Day", "1990-04-13 Good Friday", "1990-04-16 Easter Monday",
                "1990-05-07 Early May bank holiday", "1990-05-28 Spring bank holiday", "1990-08-27 Summer bank holiday",
                "1990-12-25 Christmas Day", "1990-12-26 Boxing Day"]),
        (2038, ["2038-01-01 New Year’s Day", "2038-04-23 Good Friday", "2038-04-26 Easter Monday",
                "2038-05-03 Early May bank holiday", "2038-05-31 Spring bank holiday", "2038-08-30 Summer bank holiday",
                "2038-12-27 Christmas Day [Substitute day]", "2038-12-28 Boxing Day [Substitute day]"]),
        (2100, ["2100-01-01 New Year’s Day", "2100-03-26 Good Friday", "2100-03-29 Easter Monday",
                "2100-05-03 Early May bank holiday", "2100-05-31 Spring bank holiday", "2100-08-30 Summer bank holiday",
                "2100-12-27 Christmas Day [Substitute day]", "2100-12-28 Boxing Day [Substitute day]"]),
    ])
    func knownYears(year: Int, expected: [String]) {
        #expect(calendar.holidays(in: year).map(\.description) == expected)
    }

    @Test(arguments: [
        (1990, "1990-04-15"), (2000, "2000-04-23"), (2008, "2008-03-23"), (2011, "2011-04-24"),
        (2019, "2019-04-21"), (2038, "2038-04-25"), (2049, "2049-04-18"), (2100, "2100-03-28"),
    ])
    func easter(year: Int, sunday: String) {
        #expect(BankHolidayCalendar.easterSunday(year) == date(sunday))
    }

    @Test func lookups() {
        #expect(calendar.isHoliday(date("2022-09-19")))
        #expect(calendar.name(of: date("2022-09-19")) == "Bank Holiday for the State Funeral of Queen Elizabeth II")
        #expect(calendar.name(of: date("2021-12-27")) == "Christmas Day")
        #expect(calendar.holiday(on: date("2021-12-27"))?.isSubstitute == true)
        #expect(!calendar.isHoliday(date("2021-12-25")))   // Saturday: the holiday is taken on the Monday
        #expect(!calendar.isHoliday(date("2022-05-30")))   // last Monday of May 2022, moved to 2 June
        #expect(calendar.name(of: date("2024-07-01")) == nil)
        // Outside the precomputed range: from the rules, on demand.
        #expect(calendar.isHoliday(date("2101-12-26")))
        #expect(calendar.name(of: date("1985-05-06")) == "Early May bank holiday")
        #expect(!calendar.isHoliday(date("1985-05-07")))
    }

    @Test func holidaysInRangeSpansYears() {
        let list = calendar.holidays(from: date("2021-12-20"), through: date("2022-01-10"))
        #expect(list.map(\.date.iso) == ["2021-12-27", "2021-12-28", "2022-01-03"])
    }

    @Test func officialOverlayReplacesCoveredYearsOnly() throws {
        let overlay = BankHolidayCalendar(official: [
            BankHoliday(date: date("2030-01-01"), name: "New Year’s Day"),
            BankHoliday(date: date("2030-06-14"), name: "Extra day by proclamation"),
        ])
        #expect(overlay.officialYears == [2030])
        #expect(overlay.holidays(in: 2030).count == 2)
        #expect(overlay.isHoliday(date("2030-06-14")))
        #expect(!overlay.isHoliday(date("2030-12-25")))        // the official list is taken as complete
        #expect(overlay.holidays(in: 2029) == calendar.holidays(in: 2029))

        let fromFile = try BankHolidayCalendar(officialListText: officialListText)
        #expect(fromFile.officialYears == Set(2018...2027))
        #expect(fromFile.holidays(in: 2022) == calendar.holidays(in: 2022))
    }

    @Test(arguments: [
        ("2020-13-01 Bad month", 1, "expected a date YYYY-MM-DD first"),
        ("2020-01-01", 1, "expected a title after the date"),
        ("# comment\n\n2020-01-01 New Year’s Day\nnot a date", 4, "expected a date YYYY-MM-DD first"),
    ])
    func malformedListsAreRefusedWithTheLine(text: String, line: Int, message: String) {
        #expect(throws: BankHolidayListError.self) { try BankHolidayCalendar.parseOfficialList(text) }
        do {
            _ = try BankHolidayCalendar.parseOfficialList(text)
        } catch let error as BankHolidayListError {
            #expect(error.line == line)
            #expect(error.message == message)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
