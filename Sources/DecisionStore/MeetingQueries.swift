import GRDB
import Decisions

extension DecisionStore {
    public func meetingCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM meeting") ?? 0 }
    }

    /// Meetings, newest first, without their agendas (items count only).
    public func meetings(offset: Int, limit: Int) throws -> [Meeting] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.*, (SELECT count(*) FROM agenda_item i WHERE i.meeting_id = m.id) AS item_count
                FROM meeting m ORDER BY m.date DESC, m.id DESC LIMIT ? OFFSET ?
                """, arguments: [limit, offset]).map { row in
                var meeting = Self.meeting(from: row)
                let count: Int = row["item_count"]
                meeting.items = Array(repeating: AgendaItem(title: ""), count: count)
                return meeting
            }
        }
    }

    /// One meeting with its agenda in order, each item with its decision (in full).
    public func meeting(id: Int64) throws -> (Meeting, [AgendaItem])? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM meeting WHERE id = ?", arguments: [id]) else { return nil }
            let meeting = Self.meeting(from: row)
            let items = try Row.fetchAll(db, sql: "SELECT * FROM agenda_item WHERE meeting_id = ? ORDER BY position", arguments: [id])
                .map { row -> AgendaItem in
                    let decisionID: Int64? = row["decision_id"]
                    let decision = try decisionID.flatMap { id in
                        try Row.fetchOne(db, sql: "SELECT \(DecisionColumns.full) FROM decision WHERE id = ?", arguments: [id])
                            .map(DecisionColumns.decision(from:))
                    }
                    return AgendaItem(id: row["id"], number: row["number"], title: row["title"], text: row["text"],
                                      minutes: row["minutes"], isRestricted: row["is_restricted"],
                                      documents: DecisionColumns.decodeJSON([DocumentLink].self, row["documents"], default: []),
                                      decision: decision, decisionID: decisionID)
                }
            return (meeting, items)
        }
    }

    static func meeting(from row: Row) -> Meeting {
        Meeting(id: row["id"], reference: row["reference"], body: row["body"], date: DecisionColumns.date(row, "date"),
                time: row["time"], location: row["location"], status: row["status"],
                attendees: DecisionColumns.decodeJSON([Attendee].self, row["attendees"], default: []), source: row["source"])
    }

    /// Changes whenever anyone, in any process, changes the register (every change is audited).
    public func changeToken() throws -> Int64 {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(sequence), 0) FROM audit") ?? 0 }
    }
}
