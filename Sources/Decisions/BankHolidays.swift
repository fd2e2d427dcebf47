/// One bank holiday as GOV.UK publishes it: the date it is taken, its title, and whether it
/// is a substitute day (the holiday fell on a weekend and moved to the next free weekday).
public struct BankHoliday: Hashable, Codable, Sendable, CustomStringConvertible {
    public var date: CivilDate
    /// The title as GOV.UK writes it, e.g. "New Year’s Day" (typographic apostrophe).
    public var name: String
    public var isSubstitute: Bool

    public init(date: CivilDate, name: String, isSubstitute: Bool = false) {
        self.date = date; self.name = name; self.isSubstitute = isSubstitute
    }

    /// The line format of `Data/bank-holidays-england-and-wales.txt`:
    /// `2020-12-28 Boxing Day [Substitute day]`.
    public var description: String { date.iso + " " + name + (isSubstitute ? " [Substitute day]" : "") }
}

/// Errors from `BankHolidayCalendar.parseOfficialList`.
public struct BankHolidayListError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var text: String
    public var message: String
    public var description: String { "bank holiday list, line \(line): \(message): \"\(text)\"" }
}

/// Bank holidays of one division (England and Wales), computed from the rules for any
/// year, with the one-off changes made by proclamation since 1990 recorded as data, and
/// optionally overlaid with the official published list for the years it covers.
///
/// Lookups are O(1): every year from `precomputedYears` (the supported dates, 1900-2199,
/// with two years' margin for deadlines counted across its ends, widened to cover an
/// official overlay) is computed once, at initialisation, into a flag per day. Years
/// outside that range are computed from the rules on demand (proclamations are only known
/// for the years listed in `proclamations`).
public struct BankHolidayCalendar: Sendable {
    /// England and Wales from the rules and the recorded proclamations.
    public static let englandAndWales = BankHolidayCalendar(official: [])

    /// The years computed up front when no official list widens the range.
    public static let precomputedYears: ClosedRange<Int> =
        (CivilDate.earliestSupported.year - 2)...(CivilDate.latestSupported.year + 2)

    /// First and last year held in `flags` / `byYear`.
    public let years: ClosedRange<Int>
    /// The years whose holidays come from an official list rather than the rules.
    public let officialYears: Set<Int>
    private let firstDay: Int
    private let flags: [Bool]
    private let byYear: [Int: [BankHoliday]]
    private let byDay: [Int: BankHoliday]

    /// The calendar from the rules, with `official` replacing the computed holidays of
    /// every year the official list mentions (the app passes the published GOV.UK dates).
    public init(official: [BankHoliday]) {
        let officialByYear = Dictionary(grouping: official, by: { $0.date.year })
        let lo = min(Self.precomputedYears.lowerBound, officialByYear.keys.min() ?? Int.max)
        let hi = max(Self.precomputedYears.upperBound, officialByYear.keys.max() ?? Int.min)
        years = lo...hi
        officialYears = Set(officialByYear.keys)
        firstDay = CivilDate(year: lo, month: 1, day: 1)!.dayNumber
        let lastDay = CivilDate(year: hi, month: 12, day: 31)!.dayNumber
        var flags = [Bool](repeating: false, count: lastDay - firstDay + 1)
        var byYear: [Int: [BankHoliday]] = [:]
        var byDay: [Int: BankHoliday] = [:]
        for year in years {
            let list = officialByYear[year].map { $0.sorted { $0.date < $1.date } } ?? Self.computed(year: year)
            byYear[year] = list
            for h in list {
                flags[h.date.dayNumber - firstDay] = true
                byDay[h.date.dayNumber] = h
            }
        }
        self.flags = flags
        self.byYear = byYear
        self.byDay = byDay
    }

    /// The calendar from the rules overlaid with the official list in the text format of
    /// `Data/bank-holidays-england-and-wales.txt`.
    public init(officialListText text: String) throws {
        self.init(official: try Self.parseOfficialList(text))
    }

    /// The holidays of `year`, in date order.
    public func holidays(in year: Int) -> [BankHoliday] {
        byYear[year] ?? Self.computed(year: year)
    }

    /// The holidays from `start` to `end` inclusive, in date order.
    public func holidays(from start: CivilDate, through end: CivilDate) -> [BankHoliday] {
        guard start <= end else { return [] }
        return (start.year...end.year).flatMap { holidays(in: $0) }.filter { $0.date >= start && $0.date <= end }
    }

    public func isHoliday(_ date: CivilDate) -> Bool {
        let i = date.dayNumber - firstDay
        if i >= 0 && i < flags.count { return flags[i] }
        return Self.computed(year: date.year).contains { $0.date == date }
    }

    /// The holiday on `date`, if any.
    public func holiday(on date: CivilDate) -> BankHoliday? {
        let i = date.dayNumber - firstDay
        if i >= 0 && i < flags.count { return flags[i] ? byDay[date.dayNumber] : nil }
        return Self.computed(year: date.year).first { $0.date == date }
    }

    /// The holiday's title on `date` ("Boxing Day"), or nil when it is not a holiday.
    public func name(of date: CivilDate) -> String? { holiday(on: date)?.name }

    // MARK: - The official list

    /// Parses the official list, one holiday a line: `YYYY-MM-DD title [notes]`. Blank lines
    /// and lines starting with `#` are skipped. A holiday is a substitute day when its
    /// notes say "Substitute day". Throws on the first malformed line, naming it.
    public static func parseOfficialList(_ text: String) throws -> [BankHoliday] {
        var result: [BankHoliday] = []
        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard let date = CivilDate(iso: parts[0]) else {
                throw BankHolidayListError(line: lineNumber, text: line, message: "expected a date YYYY-MM-DD first")
            }
            guard parts.count == 2 else {
                throw BankHolidayListError(line: lineNumber, text: line, message: "expected a title after the date")
            }
            var title = Substring(parts[1])
            var notes = ""
            if title.hasSuffix("]"), let open = title.lastIndex(of: "[") {
                notes = String(title[title.index(after: open)..<title.index(before: title.endIndex)])
                title = title[..<open]
            }
            let name = title.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                throw BankHolidayListError(line: lineNumber, text: line, message: "expected a title after the date")
            }
            result.append(BankHoliday(date: date, name: name,
                                      isSubstitute: notes.lowercased().contains("substitute day")))
        }
        return result
    }

    // MARK: - The rules

    enum Rule: Sendable { case newYear, goodFriday, easterMonday, earlyMay, spring, summer, christmas, boxing }

    /// A one-off change by royal proclamation.
    enum Proclamation: Sendable {
        /// The holiday made by `rule` is taken on another date (and perhaps under another title).
        case move(Rule, to: CivilDate, name: String?)
        /// An extra holiday.
        case add(CivilDate, name: String)
    }

    static let newYearsDay = "New Year’s Day"
    static let earlyMay = "Early May bank holiday"
    static let spring = "Spring bank holiday"

    /// The changes made by proclamation since 1990, by year.
    static let proclamations: [Int: [Proclamation]] = [
        1995: [.move(.earlyMay, to: d(1995, 5, 8), name: "Early May bank holiday (VE day)")],
        1999: [.add(d(1999, 12, 31), name: "Millennium celebrations")],
        2002: [.move(.spring, to: d(2002, 6, 4), name: nil),
               .add(d(2002, 6, 3), name: "Golden Jubilee bank holiday")],
        2011: [.add(d(2011, 4, 29), name: "Royal wedding")],
        2012: [.move(.spring, to: d(2012, 6, 4), name: nil),
               .add(d(2012, 6, 5), name: "Queen’s Diamond Jubilee")],
        2020: [.move(.earlyMay, to: d(2020, 5, 8), name: "Early May bank holiday (VE day)")],
        2022: [.move(.spring, to: d(2022, 6, 2), name: nil),
               .add(d(2022, 6, 3), name: "Platinum Jubilee bank holiday"),
               .add(d(2022, 9, 19), name: "Bank Holiday for the State Funeral of Queen Elizabeth II")],
        2023: [.add(d(2023, 5, 8), name: "Bank holiday for the coronation of King Charles III")],
    ]

    private static func d(_ y: Int, _ m: Int, _ day: Int) -> CivilDate { CivilDate(year: y, month: m, day: day)! }

    /// Easter Sunday (Gregorian; the anonymous "Meeus/Jones/Butcher" computus).
    public static func easterSunday(_ year: Int) -> CivilDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d0 = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d0 - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return d(year, month, day)
    }

    /// The first `weekday` (ISO, Monday 1) of the month.
    static func first(_ weekday: Int, ofMonth month: Int, year: Int) -> CivilDate {
        let start = d(year, month, 1)
        return start.adding(days: (weekday - start.weekday + 7) % 7)
    }

    /// The last `weekday` (ISO, Monday 1) of the month.
    static func last(_ weekday: Int, ofMonth month: Int, year: Int) -> CivilDate {
        let end = d(year, month, CivilDate.daysIn(month: month, year: year))
        return end.adding(days: -((end.weekday - weekday + 7) % 7))
    }

    /// The holidays of `year` from the rules and the recorded proclamations, in date order.
    /// A holiday falling on a Saturday or Sunday gives a substitute day: the next weekday
    /// that is not already a holiday (so Christmas on a Sunday is taken on the Tuesday,
    /// after Boxing Day on the Monday).
    public static func computed(year: Int) -> [BankHoliday] {
        let easter = easterSunday(year)
        var days: [(rule: Rule?, date: CivilDate, name: String)] = [
            (.newYear, d(year, 1, 1), newYearsDay),
            (.goodFriday, easter.adding(days: -2), "Good Friday"),
            (.easterMonday, easter.adding(days: 1), "Easter Monday"),
            (.earlyMay, first(1, ofMonth: 5, year: year), earlyMay),
            (.spring, last(1, ofMonth: 5, year: year), spring),
            (.summer, last(1, ofMonth: 8, year: year), "Summer bank holiday"),
            (.christmas, d(year, 12, 25), "Christmas Day"),
            (.boxing, d(year, 12, 26), "Boxing Day"),
        ]
        for change in proclamations[year] ?? [] {
            switch change {
            case let .move(rule, to, name):
                if let i = days.firstIndex(where: { $0.rule == rule }) {
                    days[i].date = to
                    if let name { days[i].name = name }
                }
            case let .add(date, name):
                days.append((nil, date, name))
            }
        }
        days.sort { $0.date < $1.date }
        var taken = Set(days.filter { !$0.date.isWeekend }.map(\.date.dayNumber))
        var result: [BankHoliday] = []
        result.reserveCapacity(days.count)
        for day in days {
            if !day.date.isWeekend {
                result.append(BankHoliday(date: day.date, name: day.name))
                continue
            }
            var substitute = day.date.adding(days: 1)
            while substitute.isWeekend || taken.contains(substitute.dayNumber) { substitute = substitute.adding(days: 1) }
            taken.insert(substitute.dayNumber)
            result.append(BankHoliday(date: substitute, name: day.name, isSubstitute: true))
        }
        result.sort { $0.date < $1.date }
        return result
    }
}
