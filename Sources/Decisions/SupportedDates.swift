/// The dates Cabinet Desk works with, 1900-01-01 to 2199-12-31, and the refusal of any
/// other. Every statutory count is bounded work inside this range (the working calendar
/// is tabulated over it), and a date outside it is refused where it comes in (an import,
/// an act, a command-line option) rather than carried into arithmetic that could overflow
/// or print a five-digit year that no reader can parse back.
extension CivilDate {
    public static let earliestSupported = CivilDate(year: 1900, month: 1, day: 1)!
    public static let latestSupported = CivilDate(year: 2199, month: 12, day: 31)!
    public static let supportedRange = earliestSupported...latestSupported

    /// Said in every refusal, so the person knows what would be accepted.
    public static let supportedRangeText = "\(earliestSupported.iso) to \(latestSupported.iso)"

    public var isSupported: Bool { Self.supportedRange.contains(self) }

    /// `self`, or a refusal naming `what` the date is for when it is outside the supported range.
    public func requireSupported(_ what: String) throws(DateOutOfRange) -> CivilDate {
        guard isSupported else { throw DateOutOfRange(what: what, date: self) }
        return self
    }

    /// `self` moved by `days`, or nil when that overflows or leaves the supported range.
    public func addingWithinSupportedRange(days: Int) -> CivilDate? {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        guard !overflow else { return nil }
        let moved = CivilDate(dayNumber: sum)
        return moved.isSupported ? moved : nil
    }
}

/// A date outside 1900-01-01 to 2199-12-31, refused.
public struct DateOutOfRange: Error, Equatable, Sendable, CustomStringConvertible {
    /// What the date was for ("--today", "decision #4 decided").
    public var what: String
    public var date: CivilDate

    public init(what: String, date: CivilDate) { self.what = what; self.date = date }

    public var description: String {
        "\(what): \(date.iso) is outside the dates Cabinet Desk works with (\(CivilDate.supportedRangeText))"
    }
}

extension Decision {
    /// Every date the record carries, each with the field it is in.
    public var datedFields: [(field: String, date: CivilDate?)] {
        [("decision date", decisionDate), ("publication date", publicationDate), ("effective from", effectiveFrom),
         ("meeting date", meeting?.date), ("notice date", procedure.noticeDate),
         ("general exception notice", procedure.generalExceptionDate), ("scheduled for", procedure.scheduledFor),
         ("called in", procedure.calledInDate), ("papers published", procedure.papersPublishedDate),
         ("call-in resolved", procedure.callInResolvedDate), ("reconsidered", procedure.reconsideredDate)]
    }
}

extension ImportedRecords {
    /// The first date in these records outside the supported range, named by record and
    /// field, or nil when every date is one the engine works with.
    public func firstUnsupportedDate() -> DateOutOfRange? {
        func check(_ record: String, _ fields: [(field: String, date: CivilDate?)]) -> DateOutOfRange? {
            for case let (field, date?) in fields where !date.isSupported {
                return DateOutOfRange(what: "\(record), \(field)", date: date)
            }
            return nil
        }
        let itemDecisions = meetings.flatMap { $0.items.compactMap(\.decision) }
        for decision in decisions + itemDecisions {
            if let problem = check("decision \"\(decision.title)\"", decision.datedFields) { return problem }
        }
        for meeting in meetings {
            if let problem = check("meeting \"\(meeting.body)\"", [("date", meeting.date)]) { return problem }
        }
        for measure in measures {
            let fields = [("target date", measure.targetDate)] + measure.readings.map { ("reading", Optional($0.date)) }
            if let problem = check("measure \"\(measure.name)\"", fields) { return problem }
        }
        return nil
    }
}
