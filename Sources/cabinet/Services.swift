import Foundation
import Decisions
import DecisionStore
import Desk

/// What a command works through once the store is open: the Desk (who is asking, what they may
/// do and read, which day it is), the calendar with the official bank holidays, and the day
/// the register is viewed on.
struct Session {
    let desk: Desk
    /// Only for the benchmark's SQLite-alone baseline; every command reads and writes through `desk`.
    let store: DecisionStore
    /// The viewing date (--today); acts are dated by the system clock inside the Desk.
    var today: CivilDate { desk.viewingDate }
    var actor: Actor { desk.actor }
    var calendar: WorkingCalendar { desk.calendar }

    init(_ options: StoreOptions) throws {
        let viewingDate = try options.resolvedToday()
        let calendar = OfficialCalendar.load()
        let (store, isNewDefault) = try options.open(calendar: calendar)
        self.store = store
        desk = try Desk(store: store, viewingDate: viewingDate, calendar: calendar)
        if isNewDefault { try FirstRun.seed(desk) }
    }

    func deadlines(for decision: Decision, rules: CouncilRules) -> [Deadline] {
        desk.deadlines(for: decision, rules: rules)
    }
}

/// The working calendar with GOV.UK's published dates where `Data/` has them.
enum OfficialCalendar {
    static let fileName = "bank-holidays-england-and-wales.txt"

    static func load() -> WorkingCalendar {
        guard let dir = DataDirectory.locate(),
              let data = FileManager.default.contents(atPath: dir.appendingPathComponent(fileName).path) else {
            DataDirectory.reportMissing("the official bank holiday dates (\(fileName))", instead: "using dates computed from the rules")
            return .englandAndWales
        }
        do {
            return WorkingCalendar(holidays: try BankHolidayCalendar(officialListText: String(decoding: data, as: UTF8.self)))
        } catch {
            FileHandle.standardError.write(Data("cabinet: \(dir.appendingPathComponent(fileName).path): \(error); using bank holiday dates computed from the rules.\n".utf8))
            return .englandAndWales
        }
    }
}
