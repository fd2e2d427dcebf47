import GRDB
import Decisions

/// The store's schema, as an ordered list of migrations. Never edit a shipped migration:
/// add a new one.
enum Schema {
    /// Every filter is served by an index ending in the register's sort order. Kept apart so
    /// a bulk load can build them after the rows, and an interrupted one be repaired on open.
    static let decisionIndexes = [
        "CREATE INDEX IF NOT EXISTS decision_by_date ON decision(register_date, id)",
        "CREATE INDEX IF NOT EXISTS decision_by_title ON decision(title COLLATE NOCASE, id)",
        "CREATE INDEX IF NOT EXISTS decision_by_deadline ON decision(next_deadline, id)",
        "CREATE INDEX IF NOT EXISTS decision_by_stage ON decision(stage, register_date, id)",
        "CREATE INDEX IF NOT EXISTS decision_by_maker ON decision(decision_maker, register_date, id)",
        "CREATE INDEX IF NOT EXISTS decision_key ON decision(is_key, register_date, id)",
        "CREATE INDEX IF NOT EXISTS decision_urgent ON decision(urgent, register_date, id)",
        "CREATE INDEX IF NOT EXISTS decision_call_in ON decision(call_in, register_date, id)",
        "CREATE INDEX IF NOT EXISTS decision_exempt ON decision(exempt, register_date, id)",
        "CREATE INDEX IF NOT EXISTS decision_by_meeting ON decision(meeting_id)",
    ]
    static let decisionIndexNames = decisionIndexes.map { $0.split(separator: " ")[5] }

    /// The prefix lengths the full-text index keeps an index of (v7): a prefix of one of these
    /// lengths finds its first matches at once, however common the word.
    static let searchPrefixLengths = [3, 4, 5, 6, 7, 8]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-register") { db in
            try db.execute(sql: """
                CREATE TABLE meeting (
                    id INTEGER PRIMARY KEY,
                    natural_key TEXT NOT NULL UNIQUE,
                    reference TEXT,
                    body TEXT NOT NULL,
                    date TEXT,
                    time TEXT,
                    location TEXT,
                    status TEXT,
                    attendees TEXT NOT NULL DEFAULT '[]',
                    source TEXT
                );
                CREATE INDEX meeting_by_date ON meeting(date, id);

                CREATE TABLE decision (
                    id INTEGER PRIMARY KEY,
                    natural_key TEXT NOT NULL UNIQUE,
                    reference TEXT,
                    title TEXT NOT NULL,
                    decision_maker TEXT NOT NULL,
                    maker_kind TEXT NOT NULL,
                    meeting_id INTEGER REFERENCES meeting(id) ON DELETE SET NULL,
                    meeting_body TEXT,
                    meeting_date TEXT,
                    meeting_item TEXT,
                    status TEXT NOT NULL,
                    stage TEXT NOT NULL,
                    is_key INTEGER NOT NULL,
                    key_reason TEXT,
                    call_in INTEGER NOT NULL,
                    urgent INTEGER NOT NULL,
                    urgency_reason TEXT,
                    exempt INTEGER NOT NULL,
                    exempt_paragraphs TEXT NOT NULL DEFAULT '[]',
                    wards TEXT NOT NULL DEFAULT '[]',
                    report_author TEXT,
                    publication_date TEXT,
                    decision_date TEXT,
                    effective_from TEXT,
                    -- The date the register lists the decision under ('' when unknown), for sorting.
                    register_date TEXT NOT NULL,
                    -- The earliest statutory deadline not yet met, kept up to date on every write.
                    next_deadline TEXT,
                    purpose TEXT,
                    decision_text TEXT,
                    resolutions TEXT NOT NULL DEFAULT '[]',
                    reasons TEXT,
                    alternatives TEXT,
                    interests TEXT,
                    documents TEXT NOT NULL DEFAULT '[]',
                    procedure TEXT NOT NULL DEFAULT '{}',
                    source TEXT,
                    version INTEGER NOT NULL DEFAULT 0
                );

                \(decisionIndexes.joined(separator: ";\n"));

                CREATE TABLE agenda_item (
                    id INTEGER PRIMARY KEY,
                    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    number TEXT,
                    title TEXT NOT NULL,
                    text TEXT,
                    minutes TEXT,
                    is_restricted INTEGER NOT NULL DEFAULT 0,
                    documents TEXT NOT NULL DEFAULT '[]',
                    decision_id INTEGER REFERENCES decision(id) ON DELETE SET NULL,
                    UNIQUE(meeting_id, position)
                );
                CREATE INDEX agenda_item_by_decision ON agenda_item(decision_id);

                -- Full-text index, rowid = decision.id. Title is its own column so that
                -- a search can be limited to what everyone may see.
                CREATE VIRTUAL TABLE decision_fts USING fts5(
                    title, purpose, body, minutes,
                    tokenize = 'unicode61 remove_diacritics 2',
                    prefix = '3',
                    -- Searches are words and prefixes, never phrases or rankings: no positions or sizes.
                    detail = column,
                    columnsize = 0
                );

                CREATE TABLE setting (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );

                CREATE TABLE person (
                    login TEXT PRIMARY KEY,
                    role TEXT NOT NULL,
                    makers TEXT NOT NULL DEFAULT '[]'
                );

                CREATE TABLE audit (
                    sequence INTEGER PRIMARY KEY,
                    decision_id INTEGER,
                    at TEXT NOT NULL,
                    login TEXT NOT NULL,
                    action TEXT NOT NULL,
                    stage_before TEXT,
                    stage_after TEXT,
                    reason TEXT,
                    changes TEXT NOT NULL DEFAULT '[]',
                    previous_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE INDEX audit_by_decision ON audit(decision_id, sequence);
                -- The trail is append-only: the application never rewrites history.
                CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
                    BEGIN SELECT RAISE(ABORT, 'audit entries are never changed'); END;
                CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
                    BEGIN SELECT RAISE(ABORT, 'audit entries are never deleted'); END;
                """)
        }
        migrator.registerMigration("v2-follow-up") { db in
            try db.execute(sql: """
                CREATE TABLE action (
                    id INTEGER PRIMARY KEY,
                    text TEXT NOT NULL,
                    owner TEXT,
                    due TEXT NOT NULL,
                    recurrence TEXT,
                    decision_id INTEGER REFERENCES decision(id) ON DELETE SET NULL,
                    resolution_label TEXT,
                    proposed INTEGER NOT NULL DEFAULT 0,
                    completed_on TEXT
                );
                CREATE INDEX action_by_due ON action(completed_on, due);
                CREATE INDEX action_by_decision ON action(decision_id);

                CREATE TABLE measure (
                    id INTEGER PRIMARY KEY,
                    plan TEXT NOT NULL,
                    name TEXT NOT NULL,
                    unit TEXT NOT NULL DEFAULT '',
                    baseline REAL,
                    target REAL,
                    target_date TEXT,
                    higher_is_better INTEGER NOT NULL DEFAULT 1,
                    UNIQUE(plan, name)
                );
                CREATE TABLE reading (
                    measure_id INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
                    date TEXT NOT NULL,
                    value REAL NOT NULL,
                    PRIMARY KEY (measure_id, date)
                );
                """)
        }
        migrator.registerMigration("v3-call-in-requests") { db in
            // Members sign a call-in request one by one, each as themselves; the decision is
            // called in when enough have signed. Signatures are withdrawn, never deleted.
            try db.execute(sql: """
                CREATE TABLE call_in_request (
                    id INTEGER PRIMARY KEY,
                    decision_id INTEGER NOT NULL REFERENCES decision(id) ON DELETE CASCADE,
                    opened_at TEXT NOT NULL,
                    grounds TEXT,
                    state TEXT NOT NULL DEFAULT 'pending'
                );
                CREATE UNIQUE INDEX call_in_request_one_pending ON call_in_request(decision_id) WHERE state = 'pending';
                CREATE TABLE call_in_signature (
                    request_id INTEGER NOT NULL REFERENCES call_in_request(id) ON DELETE CASCADE,
                    signatory TEXT NOT NULL COLLATE NOCASE,
                    signed_on TEXT NOT NULL,
                    recorded_by TEXT NOT NULL,
                    paper_reason TEXT,
                    withdrawn_on TEXT,
                    PRIMARY KEY (request_id, signatory)
                );
                """)
        }
        migrator.registerMigration("v4-authoring") { db in
            // Officers write records here: a contact per decision (the forward plan names one),
            // declarations of interest per agenda item (reg 13), and duplicates removed by an
            // administrator kept whole, apart from the register, never erased.
            try db.execute(sql: """
                ALTER TABLE decision ADD COLUMN contact TEXT;
                CREATE TABLE interest_declaration (
                    id INTEGER PRIMARY KEY,
                    agenda_item_id INTEGER NOT NULL REFERENCES agenda_item(id) ON DELETE CASCADE,
                    member TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    detail TEXT,
                    dispensation TEXT
                );
                CREATE INDEX interest_declaration_by_item ON interest_declaration(agenda_item_id);
                CREATE TABLE removed_decision (
                    id INTEGER PRIMARY KEY,
                    removed_on TEXT NOT NULL,
                    removed_by TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    -- The whole row as it was, as JSON of column name to value.
                    record TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v5-import-notes") { db in
            // Text an importer kept but could not place in a field, with the line it came from.
            try db.execute(sql: "ALTER TABLE decision ADD COLUMN notes TEXT")
        }
        migrator.registerMigration("v5-audit-covers-people") { db in
            // `audit verify` now checks the person table against the trail: roles given before
            // the trail recorded them (the first administrator) are put on it once, as found.
            for row in try Row.fetchAll(db, sql: "SELECT login, role, makers FROM person ORDER BY login") {
                try DecisionStore.appendAudit(db, decisionID: nil, login: "cabinet-upgrade", action: "user-set", stageBefore: nil,
                                              stageAfter: nil, reason: "role on record when the audit trail began to cover people",
                                              changes: [FieldChange(field: "login", before: nil, after: row["login"]),
                                                        FieldChange(field: "role", before: nil, after: row["role"]),
                                                        FieldChange(field: "makers", before: nil, after: row["makers"])])
            }
        }
        migrator.registerMigration("v6-decision-tally") { db in
            // Counts per stage, flag, maker and year kept by triggers (see DecisionTally).
            try db.execute(sql: DecisionTally.table)
            for trigger in DecisionTally.triggers { try db.execute(sql: trigger) }
            try DecisionTally.rebuild(db)
        }
        migrator.registerMigration("v7-search-prefixes") { db in
            // A prefix query without a prefix index of its length merges the whole doclist of
            // every word it could be (a common word's first page took 83 ms at a million records);
            // with one it reads its first matches only. Typing a word asks for prefixes of 3 letters
            // and up, so each length to 8 gets its own index. The index is rebuilt from its own copy.
            try db.execute(sql: """
                CREATE VIRTUAL TABLE decision_fts_prefixed USING fts5(
                    title, purpose, body, minutes,
                    tokenize = 'unicode61 remove_diacritics 2',
                    prefix = '\(Schema.searchPrefixLengths.map(String.init).joined(separator: " "))',
                    detail = column,
                    columnsize = 0
                );
                INSERT INTO decision_fts_prefixed (rowid, title, purpose, body, minutes)
                    SELECT rowid, title, purpose, body, minutes FROM decision_fts;
                DROP TABLE decision_fts;
                ALTER TABLE decision_fts_prefixed RENAME TO decision_fts;
                """)
        }
        return migrator
    }
}
