/// Exempt information (Schedule 12A) protected by the server, with the same policy as
/// Sources/Decisions/ExemptInformation.swift: the administrator, officers and the scrutiny
/// chair read every exempt decision; a decision maker reads the exempt decisions they decide
/// for; everyone else sees an exempt decision's public fields (title, maker, meeting, dates,
/// flags, paragraphs) and never its text.
///
/// Column privileges, not row-level security: RLS hides or shows whole rows, but a viewer must
/// still read every exempt decision's public fields. So the roles that may not read every
/// exempt text (decision maker, member, viewer) are granted SELECT on the public columns of
/// the tables alone, and read the confidential columns only through the `*_visible` views.
/// The views run with their owner's privileges (PostgreSQL views do) and show each
/// confidential column, or NULL (an empty list for JSON lists) where the reader may not read
/// it, decided per row by `reader_may_read`, which runs as the reader. The confidential text
/// is an expression of the view's output, so a condition a reader writes on it (or a leaky
/// function) only ever sees the withheld value: no security barrier is needed, and the
/// decision table's indexes still serve the views. The full search vector is confidential
/// too (its lexemes are the text); restricted readers search `public_search_vector`.
/// A split table with RLS would protect as well, but every write and every read of a record
/// would become two tables, and the store's columns would no longer be one row's.
///
/// For the store: counts, filters and the register's order read the table's public columns
/// (the indexes serve them); the views are for the rows shown, where `reader_may_read` runs
/// once a row. Full readers search `decision.search_vector` on the table itself: the view's
/// `search_vector` is a CASE, which no index serves.
enum PostgresExemptAccess {
    /// The decision's columns everyone may read, exempt or not (withholdingExemptInformation keeps them).
    static let decisionPublicColumns = [
        "id", "natural_key", "reference", "title", "decision_maker", "maker_kind", "meeting_id", "meeting_body", "meeting_date",
        "meeting_item", "status", "stage", "is_key", "call_in", "urgent", "exempt", "exempt_paragraphs", "wards", "report_author",
        "publication_date", "decision_date", "effective_from", "register_date", "next_deadline", "source", "version", "contact",
        "public_search_vector",
    ]
    /// Withheld from those who may not read the decision: the view shows NULL.
    static let decisionConfidentialTexts = [
        "key_reason", "urgency_reason", "purpose", "decision_text", "reasons", "alternatives", "interests", "notes", "search_minutes",
    ]
    /// Withheld JSON lists: the view shows '[]'.
    static let decisionConfidentialLists = ["resolutions", "documents"]

    static let agendaItemPublicColumns = ["id", "meeting_id", "position", "number", "title", "is_restricted", "decision_id"]
    static let auditPublicColumns = ["sequence", "decision_id", "at", "login", "action", "stage_before", "stage_after",
                                     "previous_hash", "hash"]
    static let actionPublicColumns = ["id", "owner", "due", "recurrence", "decision_id", "resolution_label", "proposed", "completed_on"]
    static let interestDeclarationPublicColumns = ["id", "agenda_item_id", "member", "kind", "dispensation"]
    static let removedDecisionPublicColumns = ["id", "removed_on", "removed_by", "reason"]

    /// (table, public columns): what restricted readers may select from the table itself.
    static let restrictedTables: [(table: String, columns: [String])] = [
        ("decision", decisionPublicColumns), ("agenda_item", agendaItemPublicColumns), ("audit", auditPublicColumns),
        ("action", actionPublicColumns), ("interest_declaration", interestDeclarationPublicColumns),
        ("removed_decision", removedDecisionPublicColumns),
    ]

    static let views = ["decision_visible", "agenda_item_visible", "audit_visible", "action_visible", "interest_declaration_visible"]

    /// AuditEntry.publicFields: changes to these stay readable on an exempt decision's trail.
    static let auditPublicFields = [
        "stage", "status", "decisionDate", "publicationDate", "effectiveFrom", "isUrgent",
        "procedure.noticeDate", "procedure.generalExceptionDate", "procedure.scheduledFor",
        "procedure.papersPublishedDate", "procedure.calledInDate", "procedure.callInMembers", "procedure.callInWaived",
        "procedure.callInOutcome", "procedure.callInResolvedDate", "procedure.reconsideredDate",
        "login", "role", "due", "next", "call-in.signatory", "call-in.signed-on", "call-in.signatures",
        "recorded-late.occurred-on", "publication.document", "publication.sha256",
        "reference", "title", "decision_maker", "maker_kind", "meeting", "is_key_decision", "is_subject_to_call_in",
        "is_urgent", "exempt_paragraphs", "wards", "report_author", "publication_date", "decision_date", "effective_from",
        "source",
    ]

    /// Decision.withheldNotice without paragraphs: the application cites them when it shows it.
    static let withheldNotice = "Withheld: exempt information (Schedule 12A)"

    static func functions(_ roles: PostgresRoles) -> String {
        let admin = roles.group(.admin), officer = roles.group(.officer), chair = roles.group(.scrutinyChair)
        let maker = roles.group(.decisionMaker)
        return """
            -- Actor.decides(for:): case and spacing aside, the same name, or the name before a
            -- municipal-year term ("… Cabinet Member - 2022-2023").
            CREATE FUNCTION reader_normalised(name text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
                SELECT lower(regexp_replace(btrim(coalesce(name, ''), E' \\t\\n\\r'), '\\s+', ' ', 'g'))
            $$;

            -- These run as the reader (not SECURITY DEFINER): current_user is who is asking,
            -- also inside the views, which only borrow their owner's right to the tables. Their
            -- search path is fixed, and the person table named in full: a temporary table
            -- called person, first on a reader's own path, must not say whom they decide for.
            CREATE FUNCTION reader_may_read_all() RETURNS boolean
            LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
                SELECT pg_has_role(current_user, '\(admin)', 'USAGE') OR pg_has_role(current_user, '\(officer)', 'USAGE')
                    OR pg_has_role(current_user, '\(chair)', 'USAGE')
            $$;

            CREATE FUNCTION reader_decides_for(decision_maker text) RETURNS boolean
            LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
                SELECT pg_has_role(current_user, '\(maker)', 'USAGE') AND EXISTS (
                    SELECT 1 FROM public.person p CROSS JOIN LATERAL jsonb_array_elements_text(p.makers::jsonb) AS m(name)
                    WHERE p.login = current_user::text AND p.role = 'decision_maker' AND reader_normalised(m.name) <> ''
                      AND (reader_normalised(decision_maker) = reader_normalised(m.name)
                           OR starts_with(reader_normalised(decision_maker), reader_normalised(m.name) || ' - ')
                           OR starts_with(reader_normalised(decision_maker), reader_normalised(m.name) || ' – ')))
            $$;

            CREATE FUNCTION reader_may_read(exempt boolean, decision_maker text) RETURNS boolean
            LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
                SELECT NOT exempt OR reader_may_read_all() OR reader_decides_for(decision_maker)
            $$;

            -- An exempt decision's audit changes as a reader who may not read it sees them
            -- (AuditEntry.withholding): public fields kept, every other value withheld.
            CREATE FUNCTION audit_withheld_changes(changes text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
                SELECT coalesce(jsonb_agg(CASE WHEN c.value->>'field' = ANY (ARRAY[\(roles.literals(auditPublicFields))]) THEN c.value
                    ELSE jsonb_strip_nulls(jsonb_build_object('field', c.value->>'field',
                        'before', CASE WHEN c.value->>'before' IS NOT NULL THEN '\(withheldNotice)' END,
                        'after', CASE WHEN c.value->>'after' IS NOT NULL THEN '\(withheldNotice)' END)) END ORDER BY c.n), '[]'::jsonb)::text
                FROM jsonb_array_elements(changes::jsonb) WITH ORDINALITY AS c(value, n)
            $$;
            """
    }

    static let viewsSQL: String = {
        let texts = decisionConfidentialTexts.map { "CASE WHEN r.readable THEN d.\($0) END AS \($0)" }
        let lists = decisionConfidentialLists.map { "CASE WHEN r.readable THEN d.\($0) ELSE '[]' END AS \($0)" }
        return """
            CREATE VIEW decision_visible AS
            SELECT \(decisionPublicColumns.filter { $0 != "public_search_vector" }.map { "d." + $0 }.joined(separator: ", ")),
                \((texts + lists).joined(separator: ",\n    ")),
                CASE WHEN r.readable OR NOT (d.procedure::jsonb ? 'specialUrgencyConsent') THEN d.procedure
                     ELSE jsonb_set(d.procedure::jsonb, '{specialUrgencyConsent}', '"recorded (withheld)"')::text END AS procedure,
                CASE WHEN r.readable THEN d.search_vector ELSE d.public_search_vector END AS search_vector,
                d.public_search_vector,
                r.readable AS readable
            FROM decision d CROSS JOIN LATERAL (SELECT reader_may_read(d.exempt, d.decision_maker) AS readable) r;

            -- A restricted item's text, minutes and documents are withheld (its title and number
            -- are public) from who may not read its decision, or, without one, every exempt text.
            CREATE VIEW agenda_item_visible AS
            SELECT a.id, a.meeting_id, a.position, a.number, a.title,
                CASE WHEN r.readable THEN a.text END AS text,
                CASE WHEN r.readable THEN a.minutes END AS minutes,
                a.is_restricted,
                CASE WHEN r.readable THEN a.documents ELSE '[]' END AS documents,
                a.decision_id
            FROM agenda_item a LEFT JOIN decision d ON d.id = a.decision_id
            CROSS JOIN LATERAL (SELECT NOT a.is_restricted OR CASE WHEN d.id IS NULL THEN reader_may_read_all()
                                ELSE reader_may_read(d.exempt, d.decision_maker) END AS readable) r;

            -- An entry about a decision no longer in the register (a removed duplicate) is read
            -- in full only by who reads every exempt text.
            CREATE VIEW audit_visible AS
            SELECT a.sequence, a.decision_id, a.at, a.login, a.action, a.stage_before, a.stage_after,
                CASE WHEN r.readable OR a.action LIKE 'import-%' OR a.reason IS NULL THEN a.reason ELSE '\(withheldNotice)' END AS reason,
                CASE WHEN r.readable THEN a.changes ELSE audit_withheld_changes(a.changes) END AS changes,
                a.previous_hash, a.hash
            FROM audit a LEFT JOIN decision d ON d.id = a.decision_id
            CROSS JOIN LATERAL (SELECT a.decision_id IS NULL OR CASE WHEN d.id IS NULL THEN reader_may_read_all()
                                ELSE reader_may_read(d.exempt, d.decision_maker) END AS readable) r;

            CREATE VIEW action_visible AS
            SELECT a.id,
                CASE WHEN d.id IS NULL OR reader_may_read(d.exempt, d.decision_maker) THEN a.text
                     ELSE 'Follow-up of an exempt decision. \(withheldNotice)' END AS text,
                a.owner, a.due, a.recurrence, a.decision_id, a.resolution_label, a.proposed, a.completed_on
            FROM action a LEFT JOIN decision d ON d.id = a.decision_id;

            -- Who declared which interest is on the record (reg 13); what it is may touch the exempt matter.
            CREATE VIEW interest_declaration_visible AS
            SELECT i.id, i.agenda_item_id, i.member, i.kind,
                CASE WHEN d.id IS NULL OR reader_may_read(d.exempt, d.decision_maker) THEN i.detail END AS detail,
                i.dispensation
            FROM interest_declaration i JOIN agenda_item a ON a.id = i.agenda_item_id LEFT JOIN decision d ON d.id = a.decision_id;
            """
    }()
}
