/// The audit trail's hash chain, kept by the server. A trigger owned by the register's owner
/// role (which nobody logs in as) gives each entry its sequence and previous hash under a lock
/// of the chain's head, and computes its hash exactly as the SQLite store does
/// (`AuditEntry.canonicalPayload`, hex SHA-256), so a client cannot insert an entry with a
/// forged sequence or previous hash, and `store copy` can verify a trail on either store.
///
/// A client may leave sequence, previous_hash and hash NULL (the server fills them in) or give
/// them; given, they must be what the server computes, or the insert is refused: a copy from
/// SQLite is verified entry by entry as it is written. Who and when are the authenticated
/// user and the server's clock, within five minutes; only an administrator (copying a trail
/// from another store) writes entries as they were recorded.
///
/// The head is kept in `audit_chain_head`, which no role but the owner may touch, and mirrored
/// in `setting` 'audit-head' as on SQLite, where only the chain may write it. Entries are
/// never changed or deleted: no role is granted UPDATE, DELETE or TRUNCATE, and a trigger
/// refuses them even to a superuser who has not become the owner role.
enum PostgresAuditChain {
    static func sql(_ roles: PostgresRoles) -> String {
        """
        CREATE TABLE audit_chain_head (
            only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
            sequence bigint NOT NULL,
            hash text NOT NULL
        );
        INSERT INTO audit_chain_head (sequence, hash) VALUES (0, '');

        -- `-` for NULL, else `<UTF-8 byte count>:<text>`, as AuditEntry.canonicalPayload's s(_:).
        CREATE FUNCTION audit_field(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
            SELECT CASE WHEN value IS NULL THEN '-' ELSE octet_length(convert_to(value, 'UTF8'))::text || ':' || value END
        $$;

        CREATE FUNCTION audit_canonical_payload(entry audit) RETURNS text
        LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
        DECLARE
            changes jsonb := coalesce(entry.changes, '[]')::jsonb;
            change jsonb;
            payload text;
        BEGIN
            payload := 'cabinet-audit-v1' || E'\\n'
                || 'sequence=' || entry.sequence::text || E'\\n'
                || 'decision=' || coalesce(entry.decision_id::text, '-') || E'\\n'
                || 'at=' || audit_field(entry.at) || E'\\n'
                || 'login=' || audit_field(entry.login) || E'\\n'
                || 'action=' || audit_field(entry.action) || E'\\n'
                || 'stage-before=' || audit_field(entry.stage_before) || E'\\n'
                || 'stage-after=' || audit_field(entry.stage_after) || E'\\n'
                || 'reason=' || audit_field(entry.reason) || E'\\n'
                || 'changes=' || jsonb_array_length(changes)::text || E'\\n';
            FOR change IN SELECT c.value FROM jsonb_array_elements(changes) WITH ORDINALITY AS c(value, n) ORDER BY c.n LOOP
                payload := payload
                    || 'change.field=' || audit_field(change->>'field') || E'\\n'
                    || 'change.before=' || audit_field(change->>'before') || E'\\n'
                    || 'change.after=' || audit_field(change->>'after') || E'\\n';
            END LOOP;
            RETURN payload || 'previous-hash=' || audit_field(entry.previous_hash) || E'\\n';
        END $$;

        CREATE FUNCTION audit_hash(entry audit) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp AS $$
            SELECT encode(sha256(convert_to(audit_canonical_payload(entry), 'UTF8')), 'hex')
        $$;

        CREATE FUNCTION audit_chain() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
        DECLARE
            head audit_chain_head;
            now_text text := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
            computed text;
        BEGIN
            -- The row lock orders concurrent writers: each waits for the last to commit.
            SELECT * INTO head FROM audit_chain_head FOR UPDATE;
            IF NEW.sequence IS NOT NULL AND NEW.sequence <> head.sequence + 1 THEN
                RAISE EXCEPTION 'audit entry % refused: the next entry on the trail is %', NEW.sequence, head.sequence + 1
                    USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            IF NEW.previous_hash IS NOT NULL AND NEW.previous_hash <> head.hash THEN
                RAISE EXCEPTION 'audit entry % refused: its previous hash is not the hash of entry %', head.sequence + 1, head.sequence
                    USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            NEW.sequence := head.sequence + 1;
            NEW.previous_hash := head.hash;
            IF pg_has_role(session_user, '\(roles.group(.admin))', 'USAGE') THEN
                NEW.login := coalesce(NEW.login, session_user::text);
                NEW.at := coalesce(NEW.at, now_text);
            ELSE
                IF NEW.login IS NOT NULL AND NEW.login <> session_user::text THEN
                    RAISE EXCEPTION 'audit entry refused: % may not write an entry as %', session_user, NEW.login
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                IF NEW.at IS NOT NULL AND abs(extract(epoch FROM NEW.at::timestamptz - now())) > 300 THEN
                    RAISE EXCEPTION 'audit entry refused: its time % is not now (%)', NEW.at, now_text
                        USING ERRCODE = 'integrity_constraint_violation';
                END IF;
                NEW.login := session_user::text;
                NEW.at := coalesce(NEW.at, now_text);
            END IF;
            computed := audit_hash(NEW);
            IF NEW.hash IS NOT NULL AND NEW.hash <> computed THEN
                RAISE EXCEPTION 'audit entry % refused: its hash is not the hash of its contents', NEW.sequence
                    USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            NEW.hash := computed;
            UPDATE audit_chain_head SET sequence = NEW.sequence, hash = NEW.hash;
            INSERT INTO setting (key, value) VALUES ('audit-head', NEW.sequence::text || ':' || NEW.hash)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value;
            RETURN NEW;
        END $$;
        CREATE TRIGGER audit_chain BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION audit_chain();

        -- Runs as whoever asks (not SECURITY DEFINER), so current_user is them.
        CREATE FUNCTION audit_is_append_only() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
        BEGIN
            IF current_user <> '\(roles.owner)' THEN
                RAISE EXCEPTION 'audit entries are never changed, deleted or truncated (% on %)', TG_OP, TG_TABLE_NAME
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END $$;
        CREATE TRIGGER audit_is_append_only BEFORE UPDATE OR DELETE ON audit
            FOR EACH ROW EXECUTE FUNCTION audit_is_append_only();
        CREATE TRIGGER audit_is_never_truncated BEFORE TRUNCATE ON audit
            FOR EACH STATEMENT EXECUTE FUNCTION audit_is_append_only();
        CREATE TRIGGER audit_chain_head_is_the_chains BEFORE UPDATE OR DELETE ON audit_chain_head
            FOR EACH ROW EXECUTE FUNCTION audit_is_append_only();
        CREATE TRIGGER audit_chain_head_is_never_truncated BEFORE TRUNCATE ON audit_chain_head
            FOR EACH STATEMENT EXECUTE FUNCTION audit_is_append_only();

        CREATE FUNCTION audit_head_is_the_chains() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
        BEGIN
            IF current_user <> '\(roles.owner)'
               AND ((TG_OP <> 'INSERT' AND OLD.key = 'audit-head') OR (TG_OP <> 'DELETE' AND NEW.key = 'audit-head')) THEN
                RAISE EXCEPTION 'the audit trail''s head is written by the trail alone' USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END $$;
        CREATE TRIGGER setting_audit_head BEFORE INSERT OR UPDATE OR DELETE ON setting
            FOR EACH ROW EXECUTE FUNCTION audit_head_is_the_chains();
        """
    }
}
