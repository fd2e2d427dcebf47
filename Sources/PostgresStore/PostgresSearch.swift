/// Full-text search with PostgreSQL's own text search, finding what the SQLite store's FTS5
/// index finds (Sources/DecisionStore/DecisionFilter.swift): every word, the last one as a
/// prefix once it has three letters.
///
/// Each text is indexed twice, with the `english` configuration (stemmed: "reports" finds
/// "report") and with `simple` (each word as written, lower case), both with accents folded
/// by the `unaccent` dictionary first, as FTS5's `remove_diacritics` does ("cafe" finds
/// "Café"): `cabinet_english` and `cabinet_simple` are those two configurations. The simple half is what
/// makes a prefix behave as FTS5's does: stemming "decisi" gives no stem that "decision"'s
/// stem ("decis") begins with, so a prefix is looked up among the words as written; and an
/// english stop word ("the", "for") still matches as a simple word where FTS5 would find it.
/// The price is about twice the index; a search finds a superset of FTS5's (stems), never less.
///
/// Two vectors, both GIN-indexed: `search_vector` over title, purpose, decision text,
/// resolutions, reasons, alternatives and minutes (FTS5's title, purpose, body, minutes),
/// readable only by those who may read every exempt text; and `public_search_vector`, the
/// same for an open decision but the title only for an exempt one: what a viewer may search.
public enum PostgresSearch {
    /// The extension the configurations need (PostgreSQL's contrib, in Debian's server package);
    /// trusted, so the database's owner may create it. The installer creates it before migrating.
    static let extensionSQL = "CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public"

    static func functions(_ roles: PostgresRoles) -> String {
        """
        CREATE TEXT SEARCH CONFIGURATION cabinet_english (COPY = pg_catalog.english);
        ALTER TEXT SEARCH CONFIGURATION cabinet_english
            ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.english_stem;
        CREATE TEXT SEARCH CONFIGURATION cabinet_simple (COPY = pg_catalog.simple);
        ALTER TEXT SEARCH CONFIGURATION cabinet_simple
            ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.simple;

        -- Called for every text of every row written: qualified names in place of a SET search_path,
        -- which would keep PostgreSQL from inlining it.
        CREATE FUNCTION search_words(body text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT pg_catalog.to_tsvector('public.cabinet_english'::regconfig, coalesce(body, ''))
                OPERATOR(pg_catalog.||) pg_catalog.to_tsvector('public.cabinet_simple'::regconfig, coalesce(body, ''))
        $$;
        -- The string values of a JSON document (resolutions: labels and texts).
        CREATE FUNCTION search_words_json(body text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT pg_catalog.to_tsvector('public.cabinet_english'::regconfig, coalesce(body, '[]')::pg_catalog.jsonb)
                OPERATOR(pg_catalog.||) pg_catalog.to_tsvector('public.cabinet_simple'::regconfig, coalesce(body, '[]')::pg_catalog.jsonb)
        $$;

        -- The words of a search, as FTS5 takes them (DecisionFilter.searchWords: letters and
        -- digits, lower case): each word as an english stem or as written; the last, once it
        -- has three letters, as a prefix of a word as written. Each word is quoted, its quotes
        -- and backslashes dropped, so no input can be read as tsquery syntax ([:alnum:] would
        -- not do: under the C collation it drops every letter outside ASCII).
        CREATE FUNCTION search_query(words text[]) RETURNS tsquery
        LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
        DECLARE
            result tsquery;
            part tsquery;
            word text;
            total integer := coalesce(array_length(words, 1), 0);
        BEGIN
            FOR i IN 1..total LOOP
                word := lower(translate(words[i], '''' || chr(92), ''));
                CONTINUE WHEN word = '';
                IF i = total AND char_length(word) >= 3 THEN
                    part := to_tsquery('public.cabinet_simple'::regconfig, '''' || word || ''':*');
                ELSE
                    part := to_tsquery('public.cabinet_simple'::regconfig, '''' || word || '''');
                    IF numnode(plainto_tsquery('public.cabinet_english'::regconfig, word)) > 0 THEN
                        part := part || plainto_tsquery('public.cabinet_english'::regconfig, word);
                    END IF;
                END IF;
                result := CASE WHEN result IS NULL THEN part ELSE result && part END;
            END LOOP;
            RETURN result;
        END $$;
        """
    }

    /// The decision table's text, as FTS5 indexes it (DecisionColumns.searchText).
    static let document = """
        search_words(title) || search_words(purpose) || search_words(decision_text) || search_words_json(resolutions)
            || search_words(reasons) || search_words(alternatives) || search_words(search_minutes)
        """

    static let columns = """
        ALTER TABLE decision ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (\(document)) STORED;
        ALTER TABLE decision ADD COLUMN public_search_vector tsvector
            GENERATED ALWAYS AS (CASE WHEN exempt THEN search_words(title) ELSE \(document) END) STORED;
        CREATE INDEX decision_search ON decision USING gin (search_vector);
        CREATE INDEX decision_public_search ON decision USING gin (public_search_vector);
        """

    /// The condition the store adds for a search: the words bind to `parameter` as a text array
    /// (`arrayLiteral`). Without the right to read every exempt text (ExemptAccess.publicFieldsOnly),
    /// only the public vector: an exempt decision then matches on its title alone, as on SQLite.
    public static func condition(readsAllExempt: Bool, parameter: String, table: String = "d") -> String {
        let column = readsAllExempt ? "search_vector" : "public_search_vector"
        return "\(table).\(column) @@ search_query(\(parameter)::text[])"
    }

    /// `{"word","word"}`, the array literal for `search_query`'s parameter.
    public static func arrayLiteral(_ words: [String]) -> String {
        "{" + words.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }
}
