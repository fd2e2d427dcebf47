/// Builds the meetings a set of decisions was taken at, so that every decision citing a
/// meeting is on that meeting's agenda, and the meetings to come after a day in a body's
/// usual rhythm: a demo register a member can open an upcoming agenda in.
public enum MeetingAssembly {
    /// The meetings cited by `decisions` (by body and date), each with its decisions as agenda
    /// items in item order, and the decisions that cite no dated meeting.
    public static func meetings(citedBy decisions: [Decision]) -> (meetings: [Meeting], unplaced: [Decision]) {
        var byMeeting: [String: (body: String, date: CivilDate, decisions: [Decision])] = [:]
        var order: [String] = []
        var unplaced: [Decision] = []
        for decision in decisions {
            guard let meeting = decision.meeting, let date = meeting.date else { unplaced.append(decision); continue }
            let key = meeting.body.lowercased() + "|" + date.iso
            if byMeeting[key] == nil { byMeeting[key] = (meeting.body, date, []); order.append(key) }
            byMeeting[key]!.decisions.append(decision)
        }
        let meetings = order.map { key -> Meeting in
            let entry = byMeeting[key]!
            let sorted = entry.decisions.sorted { itemNumber($0) < itemNumber($1) }
            var used: Set<String> = []
            let items = sorted.map { decision -> AgendaItem in
                var number = decision.meeting?.item
                // Two decisions cited under one item number stay two items.
                while let n = number, used.contains(n) { number = n + "A" }
                if let number { used.insert(number) }
                var placed = decision
                placed.meeting?.item = number
                return AgendaItem(number: number, title: decision.title, isRestricted: decision.isExempt, decision: placed)
            }
            return Meeting(body: entry.body, date: entry.date, time: "18:00", location: "Council Chamber, Town Hall", items: items)
        }
        return (meetings, unplaced)
    }

    /// The next meetings of each body in `meetings` after `day`, every `everyDays` days from the
    /// body's last meeting (moved to the next working day), up to `horizonDays` ahead.
    public static func nextMeetings(after day: CivilDate, following meetings: [Meeting], everyDays: Int = 28, horizonDays: Int = 120,
                                    calendar: WorkingCalendar) -> [Meeting] {
        var last: [String: (body: String, date: CivilDate)] = [:]
        for meeting in meetings {
            guard let date = meeting.date else { continue }
            let key = meeting.body.lowercased()
            if last[key].map({ $0.date < date }) ?? true { last[key] = (meeting.body, date) }
        }
        var next: [Meeting] = []
        let horizon = day.adding(days: horizonDays)
        for (_, entry) in last.sorted(by: { $0.key < $1.key }) {
            var date = entry.date
            while true {
                date = date.adding(days: everyDays)
                while !calendar.isWorkingDay(date) { date = date.adding(days: 1) }
                if date > horizon { break }
                if date > day { next.append(Meeting(body: entry.body, date: date, time: "18:00", location: "Council Chamber, Town Hall")) }
            }
        }
        return next
    }

    private static func itemNumber(_ d: Decision) -> Int { Int(d.meeting?.item ?? "") ?? Int.max }
}
