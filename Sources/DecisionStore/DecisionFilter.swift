import Decisions

/// How a list of decisions is ordered.
public enum RegisterOrder: String, CaseIterable, Sendable {
    case newest, oldest, title, deadline
}

/// What a person may read of exempt decisions (Schedule 12A).
public enum ExemptAccess: Sendable, Hashable {
    /// Every field of every decision.
    case full
    /// Exempt decisions show their public fields only, and search cannot see into them.
    case publicFieldsOnly
}

/// A query over the register, built from values and never from text typed by a user:
/// every user-supplied value reaches SQLite as a bound argument.
public struct DecisionFilter: Sendable, Hashable {
    public var keyOnly = false
    public var urgentOnly = false
    public var callInOnly = false
    public var exemptOnly = false
    public var stage: Stage?
    /// Case-insensitive part of the decision maker's name.
    public var maker: String?
    public var from: CivilDate?
    public var to: CivilDate?
    /// Words to find in title, purpose, decision text, resolutions and minutes; the last
    /// word matches as a prefix so results follow typing.
    public var search: String?
    public var sort: RegisterOrder = .newest
    public var access: ExemptAccess = .full

    public init(keyOnly: Bool = false, urgentOnly: Bool = false, callInOnly: Bool = false, exemptOnly: Bool = false,
                stage: Stage? = nil, maker: String? = nil, from: CivilDate? = nil, to: CivilDate? = nil,
                search: String? = nil, sort: RegisterOrder = .newest, access: ExemptAccess = .full) {
        self.keyOnly = keyOnly; self.urgentOnly = urgentOnly; self.callInOnly = callInOnly; self.exemptOnly = exemptOnly
        self.stage = stage; self.maker = maker; self.from = from; self.to = to; self.search = search; self.sort = sort
        self.access = access
    }

    /// Words of the search, as FTS5 tokens (letters and digits only).
    public var searchWords: [String] {
        guard let search else { return [] }
        return search.lowercased()
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .map(String.init)
    }

    /// Short description of what is active, for status bars (e.g. "key urgent stage:published").
    public var summary: String {
        var parts: [String] = []
        if keyOnly { parts.append("key") }
        if urgentOnly { parts.append("urgent") }
        if callInOnly { parts.append("call-in") }
        if exemptOnly { parts.append("exempt") }
        if let stage { parts.append("stage:\(stage.rawValue)") }
        if let maker, !maker.isEmpty { parts.append("maker:\(maker)") }
        if let from { parts.append("from:\(from.iso)") }
        if let to { parts.append("to:\(to.iso)") }
        if !searchWords.isEmpty { parts.append("search:\(searchWords.joined(separator: " "))") }
        return parts.joined(separator: " ")
    }
}

/// SQL for a filter. Without a search the decision table's indexes serve every filter in
/// the register's order. With a search in the default order, the full-text index drives the
/// query in its own (most recently recorded first) order, so the first page of a word found
/// in a million records needs only the first matches, not all of them sorted.
struct FilterSQL {
    var conditions: [String] = []
    var arguments: [DatabaseValue] = []
    let sort: RegisterOrder
    /// The FTS5 query for the search words, if any.
    var searchQuery: String?
    /// A search with nothing else to narrow by and nothing withheld: every entry of the
    /// full-text index is a decision, so its matches can be counted without reading a row.
    var searchIsAllOfIt = false

    init(_ filter: DecisionFilter) {
        sort = filter.sort
        (conditions, arguments) = Self.flagStageAndMaker(filter, columnsOf: "d.")
        if let from = filter.from {
            conditions.append("d.register_date >= ?"); arguments.append(from.iso.databaseValue)
        }
        if let to = filter.to {
            conditions.append("d.register_date <= ? AND d.register_date <> ''"); arguments.append(to.iso.databaseValue)
        }
        let words = filter.searchWords
        if !words.isEmpty {
            let query = Self.ftsQuery(words)
            searchQuery = query
            searchIsAllOfIt = conditions.isEmpty && filter.access == .full
            if !isSearchDriven {
                conditions.append("d.id IN (SELECT rowid FROM decision_fts WHERE decision_fts MATCH ?)")
                arguments.append(query.databaseValue)
            }
            if filter.access == .publicFieldsOnly {
                // An exempt decision may match on its title only: its confidential text must not
                // reveal itself through search.
                conditions.append("(d.exempt = 0 OR d.id IN (SELECT rowid FROM decision_fts WHERE decision_fts MATCH ?))")
                arguments.append("title : (\(query))".databaseValue)
            }
        }
    }

    /// Whether the full-text index drives the query (a search in the default order).
    var isSearchDriven: Bool { searchQuery != nil && sort == .newest }

    /// FROM and WHERE, with all arguments in order.
    var fromWhere: (sql: String, arguments: [DatabaseValue]) {
        var all = conditions
        var args = arguments
        var from = "decision d"
        if isSearchDriven, let searchQuery {
            // CROSS JOIN keeps the full-text index outermost: otherwise, with a flag filter, SQLite
            // may walk the flag's index and run the whole text query again for every row it finds.
            // (Without one, SQLite's own choice counts a common word five times faster.)
            from = "decision_fts \(conditions.isEmpty ? "JOIN" : "CROSS JOIN") decision d ON d.id = decision_fts.rowid"
            all.insert("decision_fts MATCH ?", at: 0)
            args.insert(searchQuery.databaseValue, at: 0)
        }
        return ("FROM \(from)" + (all.isEmpty ? "" : " WHERE " + all.joined(separator: " AND ")), args)
    }

    func orderBy(reversed: Bool = false) -> String {
        if isSearchDriven { return "ORDER BY decision_fts.rowid " + (reversed ? "ASC" : "DESC") }
        let (columns, ascending): ([String], Bool) = switch sort {
        case .newest: (["d.register_date", "d.id"], false)
        case .oldest: (["d.register_date", "d.id"], true)
        case .title: (["d.title COLLATE NOCASE", "d.id"], true)
        case .deadline: (["d.next_deadline", "d.id"], true)
        }
        let direction = (ascending != reversed) ? "ASC" : "DESC"
        return "ORDER BY " + columns.map { "\($0) \(direction)" }.joined(separator: ", ")
    }

    /// One page of rows with `columns`.
    func page(columns: String, offset: Int, limit: Int, reversed: Bool = false) -> (String, StatementArguments) {
        let (fromWhere, args) = self.fromWhere
        return ("SELECT \(columns) \(fromWhere) \(orderBy(reversed: reversed)) LIMIT ? OFFSET ?",
                StatementArguments(args + [limit.databaseValue, max(0, offset).databaseValue]))
    }

    /// Counting every match of a common word in a large register costs as much as finding
    /// them all; a search counts up to `cap` and says so.
    func count(cap: Int?) -> (String, StatementArguments) {
        if searchIsAllOfIt, let searchQuery {
            let counted = "SELECT rowid FROM decision_fts WHERE decision_fts MATCH ?" + (cap.map { " LIMIT \($0)" } ?? "")
            return ("SELECT count(*) FROM (\(counted))", [searchQuery])
        }
        let (fromWhere, args) = self.fromWhere
        if let cap, searchQuery != nil {
            return ("SELECT count(*) FROM (SELECT 1 \(fromWhere) LIMIT \(cap))", StatementArguments(args))
        }
        return ("SELECT count(*) \(fromWhere)", StatementArguments(args))
    }

    /// Quoted tokens, the last one a prefix once it has three letters (shorter prefixes match
    /// most of a large register and tell the person little): safe whatever they typed.
    static func ftsQuery(_ words: [String]) -> String {
        words.enumerated().map { index, word in
            "\"\(word)\"" + (index == words.count - 1 && word.count >= 3 ? "*" : "")
        }.joined(separator: " ")
    }

    /// The conditions on flags, stage and maker, which the decision table and the tally
    /// (`DecisionTally`) both have as columns of the same names.
    static func flagStageAndMaker(_ filter: DecisionFilter, columnsOf table: String) -> ([String], [DatabaseValue]) {
        var conditions: [String] = []
        var arguments: [DatabaseValue] = []
        if filter.keyOnly { conditions.append("\(table)is_key = 1") }
        if filter.urgentOnly { conditions.append("\(table)urgent = 1") }
        if filter.callInOnly { conditions.append("\(table)call_in = 1") }
        if filter.exemptOnly { conditions.append("\(table)exempt = 1") }
        if let stage = filter.stage {
            conditions.append("\(table)stage = ?"); arguments.append(stage.rawValue.databaseValue)
        }
        if let maker = filter.maker, !maker.isEmpty {
            conditions.append("\(table)decision_maker LIKE ? ESCAPE '\\'")
            arguments.append(("%" + escapeLike(maker) + "%").databaseValue)
        }
        return (conditions, arguments)
    }

    static func escapeLike(_ text: String) -> String {
        var out = ""
        for ch in text {
            if ch == "%" || ch == "_" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}

import GRDB
