import ArgumentParser
import Foundation
import TextSafety
import Decisions

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Bank holidays and working days (England and Wales).",
        discussion: """
            Years 2018-2027 use GOV.UK's published dates (Data/); any year from 1900 to 2199 is
            computed from the rules, with the one-off changes by proclamation. Working days
            exclude weekends and bank holidays; "N working days after DATE" does not count DATE.
            With no question, this year's bank holidays; --today sets the year and the default
            --from. The calendar does not read the register, so --store is accepted, as on every
            command, and changes nothing.

            Examples:
              cabinet calendar --year 2026
              cabinet calendar --add-working-days 5 --today 2026-12-23
              cabinet calendar --add-working-days 5 --from 2026-12-23
              cabinet calendar --working-days-between 2026-12-23 2027-01-04
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "List this year's bank holidays.") var year: Int?
    @Option(name: .long, help: ArgumentHelp("Count this many working days from --from.", valueName: "n")) var addWorkingDays: Int?
    @Option(name: .long, help: ArgumentHelp("The date to count from (YYYY-MM-DD; default: today).", valueName: "date")) var from: String?
    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Working days after the first date up to and including the second.", valueName: "date date"))
    var workingDaysBetween: [String] = []
    @Option(name: .long, help: "table or json.") var format: TableOrJSON = .table

    func validate() throws {
        let questions = [year != nil, addWorkingDays != nil, !workingDaysBetween.isEmpty].filter { $0 }.count
        guard questions <= 1 else {
            throw ValidationError("ask one thing: --year YYYY, --add-working-days N --from DATE, or --working-days-between DATE DATE")
        }
        let years = CivilDate.earliestSupported.year...CivilDate.latestSupported.year
        if let year, !years.contains(year) {
            throw ValidationError("--year: the calendar covers \(years.lowerBound) to \(years.upperBound)")
        }
        // More working days than the supported dates hold can only land outside them.
        let span = CivilDate.earliestSupported.days(until: CivilDate.latestSupported)
        if let n = addWorkingDays, n.magnitude > UInt(span) {
            throw ValidationError("--add-working-days: \(n) would go beyond the dates Cabinet Desk works with (\(CivilDate.supportedRangeText))")
        }
        if !workingDaysBetween.isEmpty && workingDaysBetween.count != 2 {
            throw ValidationError("--working-days-between takes two dates")
        }
    }

    func run() throws {
        let calendar = OfficialCalendar.load()
        let today = try storeOptions.resolvedToday()
        if addWorkingDays == nil && workingDaysBetween.isEmpty {
            let year = year ?? today.year
            let holidays = calendar.holidays.holidays(in: year)
            if format == .json {
                let items = holidays.map { ["date": $0.date.iso, "name": $0.name, "substitute": $0.isSubstitute ? "true" : "false"] }
                let objects: [[String: Any]] = items.map { item in
                    ["date": item["date"]!, "name": item["name"]!, "substitute": item["substitute"] == "true"]
                }
                let data = try JSONSerialization.data(withJSONObject: ["year": year, "source": calendar.holidays.officialYears.contains(year) ? "gov.uk" : "rules", "holidays": objects], options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                print(escapingControlsInJSON(String(decoding: data, as: UTF8.self)))
            } else {
                let source = calendar.holidays.officialYears.contains(year) ? "published by GOV.UK" : "computed from the rules"
                print("Bank holidays in England and Wales, \(year) (\(source))")
                for h in holidays {
                    print("  \(h.date.iso)  \(weekday(h.date))  \(h.name)\(h.isSubstitute ? " (substitute day)" : "")")
                }
            }
            return
        }
        if let n = addWorkingDays {
            let start = try from.map { try FilterOptions.date($0, option: "--from") } ?? today
            let result = try calendar.addingWorkingDays(n, to: start).requireSupported("--add-working-days \(n) from \(start.iso)")
            if format == .json {
                print(#"{"from": "\#(start.iso)", "working_days": \#(n), "date": "\#(result.iso)"}"#)
            } else {
                print("\(n) working day\(n == 1 ? "" : "s") after \(weekday(start)) \(start.iso) is \(weekday(result)) \(result.iso)")
            }
            return
        }
        let a = try FilterOptions.date(workingDaysBetween[0], option: "--working-days-between")
        let b = try FilterOptions.date(workingDaysBetween[1], option: "--working-days-between")
        let count = calendar.workingDays(from: a, to: b)
        let clear = calendar.clearDays(between: a, and: b)
        let clearWorking = calendar.clearWorkingDays(between: a, and: b)
        if format == .json {
            print(#"{"from": "\#(a.iso)", "to": "\#(b.iso)", "working_days": \#(count), "clear_days": \#(clear), "clear_working_days": \#(clearWorking)}"#)
        } else {
            print("From \(weekday(a)) \(a.iso) to \(weekday(b)) \(b.iso):")
            print("  \(count) working day\(count == 1 ? "" : "s") (after the first date, up to and including the second)")
            print("  \(clear) clear day\(clear == 1 ? "" : "s"), \(clearWorking) clear working day\(clearWorking == 1 ? "" : "s") (both dates excluded)")
        }
    }

    func weekday(_ date: CivilDate) -> String { ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][date.weekday - 1] }
}
