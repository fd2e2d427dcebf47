import Foundation
import GRDB
import PostgresClient
import PostgresStore
@testable import DecisionStore
import Decisions
import Testing

/// PostgreSQL's text search finds the decisions the SQLite store's FTS5 index finds, for the
/// same words on the same register, with and without the right to read exempt text.
@Suite(.enabled(if: TestServer.isConfigured, TestServer.disabledReason))
struct SearchParityTests {
    static let decisions = [
        Decision(title: "Mobile library service", decisionMaker: "Cabinet", status: "Approved", decisionDate: CivilDate(iso: "2026-10-01"),
                 purpose: "A new route for the mobile library in rural wards",
                 resolutions: [Resolution(label: "(a)", text: "Approve the consultation on school transport")]),
        Decision(title: "School transport policy", decisionMaker: "Cabinet", status: "Approved", decisionDate: CivilDate(iso: "2026-10-02"),
                 purpose: "Home to school transport eligibility", reasons: "Statutory duty"),
        Decision(title: "Parks maintenance contract", decisionMaker: "Cabinet", status: "Approved", exemptParagraphs: [3],
                 decisionDate: CivilDate(iso: "2026-10-03"), purpose: "Tender prices from bidders",
                 decisionText: "Award the grounds maintenance contract"),
        Decision(title: "Library opening hours", decisionMaker: "Cabinet", status: "Approved", decisionDate: CivilDate(iso: "2026-10-04"),
                 purpose: "Longer opening on Saturdays", alternatives: "Keep the present hours"),
        Decision(title: "Café licences", decisionMaker: "Licensing Committee", status: "Approved",
                 decisionDate: CivilDate(iso: "2026-10-07"), purpose: "Pavement seating for the Crème Brûlée bistro"),
        Decision(title: "Depot sale", decisionMaker: "Resources Cabinet Member", status: "Approved", exemptParagraphs: [3],
                 decisionDate: CivilDate(iso: "2026-10-05"), purpose: "Sale of the old library depot to a developer"),
    ]

    /// A meeting whose item's minutes are indexed with its decision, as FTS5's minutes column.
    static let meeting = Meeting(body: "Cabinet", date: CivilDate(iso: "2026-10-06"), items: [
        AgendaItem(number: "5", title: "Allotments", minutes: "Members discussed the waiting list for allotments",
                   decision: Decision(title: "Allotment rents", decisionMaker: "Cabinet",
                                      meeting: MeetingReference(body: "Cabinet", date: CivilDate(iso: "2026-10-06"), item: "5"),
                                      status: "Approved", decisionDate: CivilDate(iso: "2026-10-06"), purpose: "Rents for the coming year")),
    ])

    static let searches = [
        "allotments", "waiting list", "members discussed", "rents", "cafe", "café", "CAFÉ licences", "creme brul", "brûlée",
        "library", "librar", "LIBRARY service", "school transport", "transp", "consultation", "tender", "contract",
        "maintenance contr", "saturdays", "depot", "developer", "mobile li", "hours keep", "nothing like this", "statutory duty",
    ]

    static let flags: Set<String> = ["is_key", "call_in", "urgent", "exempt"]
    static let computed: Set<String> = ["search_vector", "public_search_vector", "search_minutes"]

    /// The SQLite register's meetings and decisions, column by column into the same columns on
    /// PostgreSQL (the minutes FTS5 indexes with a decision into `search_minutes`).
    static func copy(_ path: String, to server: PostgresConnection) throws {
        let sqlite = try DatabaseQueue(path: path)
        try copy(try sqlite.read { db in try Row.fetchAll(db, sql: "SELECT * FROM meeting") }, into: "meeting", server)
        try copy(try sqlite.read { db in
            try Row.fetchAll(db, sql: "SELECT d.*, f.minutes AS search_minutes FROM decision d JOIN decision_fts f ON f.rowid = d.id")
        }, into: "decision", server)
    }

    static func copy(_ rows: [Row], into table: String, _ server: PostgresConnection) throws {
        for row in rows {
            let columns = Array(row.columnNames)
            let values: [PostgresValue] = columns.map { column in
                switch row[column] as DatabaseValue {
                case let value where value.isNull: return .null
                case let value:
                    switch value.storage {
                    case .int64(let number): return flags.contains(column) ? .bool(number != 0) : .integer(number)
                    case .string(let text): return column == "register_date" && text.isEmpty ? .null : .text(text)
                    case .double(let number): return .double(number)
                    default: return .null
                    }
                }
            }
            let placeholders = (1...columns.count).map { "$\($0)" }.joined(separator: ", ")
            try server.execute("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))", values)
        }
    }

    @Test func theTextSearchFindsWhatFTS5Finds() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(TestServer.uniqueName("search"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("register.sqlite").path
        let store = try DecisionStore(path: path, creator: "clerk")
        try store.importRecords([ImportedRecords(decisions: Self.decisions, meetings: [Self.meeting])], login: "clerk")

        try withTestRegister { register in
            let server = try register.connectAsSuperuser()
            try Self.copy(path, to: server)
            #expect(try server.strings("SELECT count(*)::text FROM decision") == [String(Self.decisions.count + 1)])
            #expect(try server.strings("SELECT search_minutes FROM decision WHERE title = 'Allotment rents'")
                == ["Members discussed the waiting list for allotments"])
            var found = 0
            for search in Self.searches {
                for readsAllExempt in [true, false] {
                    let filter = DecisionFilter(search: search, access: readsAllExempt ? .full : .publicFieldsOnly)
                    let sqlite = Set(try store.page(filter, offset: 0, limit: 100).compactMap(\.id))
                    let postgres = Set(try server.execute(
                        "SELECT id FROM decision d WHERE \(PostgresSearch.condition(readsAllExempt: readsAllExempt, parameter: "$1"))",
                        [.text(PostgresSearch.arrayLiteral(filter.searchWords))]).map { try $0.int64(0) ?? 0 })
                    #expect(postgres == sqlite, "\"\(search)\" (\(readsAllExempt ? "full" : "public fields")): FTS5 \(sqlite.sorted()), PostgreSQL \(postgres.sorted())")
                    found += sqlite.count
                }
            }
            // The searches find something, and the exempt text's words only for those who may read it.
            #expect(found > 20)
            let tender = DecisionFilter(search: "tender", access: .publicFieldsOnly)
            #expect(try store.page(tender, offset: 0, limit: 10).isEmpty)
        }
    }

    /// Whatever reaches the function (the store passes DecisionFilter.searchWords; psql users anything),
    /// it is words to look for, never tsquery syntax.
    @Test func anythingTypedIsWordsNotQuerySyntax() throws {
        try withTestRegister { register in
            let server = try register.connectAsSuperuser()
            try server.insert(DecisionRow(title: "O'Brien & Sons: lease (renewal)", purpose: "a|b !c"))
            for words in [["o'brien"], ["sons:*"], ["lease", "&", "renewal"], ["(", ")"], ["\\"], ["'"], ["!c"], ["a|b"], [""]] {
                let found = try server.strings("SELECT count(*)::text FROM decision d WHERE \(PostgresSearch.condition(readsAllExempt: true, parameter: "$1"))",
                                               [.text(PostgresSearch.arrayLiteral(words))])
                #expect(found.count == 1, "\(words)")
            }
            #expect(try server.strings("SELECT count(*)::text FROM decision d WHERE \(PostgresSearch.condition(readsAllExempt: true, parameter: "$1"))",
                                       [.text(PostgresSearch.arrayLiteral(DecisionFilter(search: "O'Brien lease").searchWords))]) == ["1"])
        }
    }

    @Test func theSearchUsesTheGINIndexes() throws {
        try withTestRegister { register in
            let server = try register.connectAsSuperuser()
            try server.execute("SET enable_seqscan = off")
            for readsAllExempt in [true, false] {
                let plan = try server.strings(
                    "EXPLAIN SELECT id FROM decision d WHERE \(PostgresSearch.condition(readsAllExempt: readsAllExempt, parameter: "$1"))",
                    [.text("{library,serv}")]).compactMap { $0 }.joined(separator: "\n")
                #expect(plan.contains(readsAllExempt ? "decision_search" : "decision_public_search"), "\(plan)")
            }
        }
    }
}
