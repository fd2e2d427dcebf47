import Foundation
import Decisions
import DecisionStore

/// What commands share once the store is open: the calendar with the official bank
/// holidays, the person running the command, and "today".
struct Session {
    let store: DecisionStore
    let today: CivilDate
    let actor: Actor
    let calendar: WorkingCalendar

    init(_ options: StoreOptions) throws {
        today = try options.resolvedToday()
        calendar = OfficialCalendar.load()
        store = try options.open(today: today, calendar: calendar)
        actor = try store.actor(login: SystemClock.login())
    }

    func deadlines(for decision: Decision, rules: CouncilRules) -> [Deadline] {
        DeadlineCalculator(rules: rules, calendar: calendar).deadlines(for: decision, today: today)
    }
}

/// The working calendar with GOV.UK's published dates where `Data/` has them.
enum OfficialCalendar {
    static func load() -> WorkingCalendar {
        guard let dir = DataDirectory.locate(),
              let data = FileManager.default.contents(atPath: dir.appendingPathComponent("bank-holidays-england-and-wales.txt").path),
              let holidays = try? BankHolidayCalendar(officialListText: String(decoding: data, as: UTF8.self)) else {
            return .englandAndWales
        }
        return WorkingCalendar(holidays: holidays)
    }
}
