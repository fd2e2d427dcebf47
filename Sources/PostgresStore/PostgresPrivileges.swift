import Decisions

/// Who may do what, enforced by the server: one NOLOGIN group role per Cabinet Desk role, each
/// login a member of exactly one, and privileges granted to the groups only. The application
/// still applies the finer rules (the workflow); the server guarantees what a login can do
/// when it bypasses the application with psql:
///
/// - reading: see PostgresExemptAccess (column privileges and the `*_visible` views);
/// - writing: viewers nothing; members their call-in signatures, their audit entries, and the
///   call-in itself when their signature completes it; decision makers the decisions they
///   decide for; the scrutiny chair decisions and call-ins; officers the register; the
///   administrator also people and removed duplicates. The audit trail takes inserts from
///   every role that writes, and no role may change or delete an entry (PostgresAuditChain).
enum PostgresPrivileges {
    /// Creates the owner and group roles that do not exist yet (roles belong to the cluster:
    /// another register may have made them); returns the names created.
    static func createRolesSQL(_ roles: PostgresRoles) -> String {
        let names = [roles.owner] + roles.allGroups
        return names.map { name in
            """
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(name)') THEN
                    CREATE ROLE \(name) NOLOGIN\(name == roles.owner ? " CREATEROLE" : "");
                    RAISE NOTICE 'created role %', '\(name)';
                END IF;
            END $$;
            """
        }.joined(separator: "\n")
    }

    static func sql(_ roles: PostgresRoles) -> String {
        let everyone = roles.identifiers(roles.allGroups)
        let full = roles.identifiers(roles.fullReaders)
        let restricted = roles.identifiers(roles.restrictedReaders)
        let admin = roles.group(.admin), officer = roles.group(.officer), maker = roles.group(.decisionMaker)
        let chair = roles.group(.scrutinyChair), member = roles.group(.member)
        let columnGrants = PostgresExemptAccess.restrictedTables.map { table, columns in
            "GRANT SELECT (\(columns.joined(separator: ", "))) ON \(table) TO \(restricted);"
        }.joined(separator: "\n")
        return """
            GRANT SELECT ON meeting, setting, person, measure, reading, call_in_request, call_in_signature, decision_tally,
                schema_migration TO \(everyone);
            GRANT SELECT ON \(PostgresExemptAccess.views.joined(separator: ", ")) TO \(everyone);
            GRANT SELECT ON \(PostgresExemptAccess.restrictedTables.map(\.table).joined(separator: ", ")) TO \(full);
            \(columnGrants)

            GRANT INSERT, UPDATE, DELETE ON meeting, decision, agenda_item, action, measure, reading, call_in_request,
                call_in_signature, interest_declaration, setting TO \(admin), \(officer);
            GRANT INSERT, UPDATE, DELETE ON person, removed_decision TO \(admin);
            GRANT UPDATE ON decision TO \(maker), \(chair);
            GRANT INSERT, UPDATE ON call_in_request, call_in_signature TO \(chair), \(member);
            GRANT UPDATE (stage, status, procedure, version, next_deadline) ON decision TO \(member);
            GRANT INSERT ON audit TO \(admin), \(officer), \(maker), \(chair), \(member);

            -- Column privileges say which columns; this says which decisions, for those who may
            -- not write any: a decision maker their own, a member only the call-in their
            -- signature completes.
            CREATE FUNCTION decision_write_guard() RETURNS trigger
            LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
            BEGIN
                IF current_user = '\(roles.owner)' OR pg_has_role(current_user, '\(admin)', 'USAGE')
                   OR pg_has_role(current_user, '\(officer)', 'USAGE') OR pg_has_role(current_user, '\(chair)', 'USAGE') THEN
                    RETURN NEW;
                END IF;
                IF pg_has_role(current_user, '\(maker)', 'USAGE') AND reader_decides_for(OLD.decision_maker)
                   AND reader_decides_for(NEW.decision_maker) THEN
                    RETURN NEW;
                END IF;
                IF pg_has_role(current_user, '\(member)', 'USAGE') AND NEW.stage = 'called_in' AND OLD.stage <> 'called_in' THEN
                    RETURN NEW;
                END IF;
                RAISE EXCEPTION '% may not change decision %', current_user, OLD.id USING ERRCODE = 'insufficient_privilege';
            END $$;
            CREATE TRIGGER decision_write_guard BEFORE UPDATE ON decision FOR EACH ROW EXECUTE FUNCTION decision_write_guard();

            -- Adds a login to one of the roles (moving it from any other): a new role with a
            -- password, or an existing one (peer authentication, or a login made by the DBA).
            -- Records the person and the act on the audit trail, as `cabinet users add` does.
            -- Runs as the owner, which alone may create roles; only administrators may call it.
            -- A password may be given as a SCRAM verifier (libpq's PQencryptPasswordConn), which
            -- PostgreSQL stores as it is: the clear text then never reaches the server's logs.
            CREATE FUNCTION register_add_login(login text, role text, password text DEFAULT NULL, makers text DEFAULT '[]')
            RETURNS text
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
            DECLARE
                groups text[] := ARRAY[\(roles.literals(roles.allGroups))];
                chosen text := '\(roles.prefix)_' || role;
                existing pg_roles;
                previous person;
                outcome text := 'unchanged';
            BEGIN
                IF NOT chosen = ANY (groups) THEN
                    RAISE EXCEPTION 'no role %: the roles are admin, officer, decision_maker, scrutiny_chair, member, viewer', role
                        USING ERRCODE = 'invalid_parameter_value';
                END IF;
                IF login = ANY (groups) OR login = '\(roles.owner)' OR login LIKE 'pg\\_%' OR login = '' THEN
                    RAISE EXCEPTION '% cannot be a login of the register', login USING ERRCODE = 'invalid_parameter_value';
                END IF;
                PERFORM makers::jsonb;
                SELECT * INTO existing FROM pg_roles WHERE rolname = login;
                IF NOT FOUND THEN
                    IF password IS NULL THEN
                        EXECUTE format('CREATE ROLE %I LOGIN', login);
                    ELSE
                        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', login, password);
                    END IF;
                    outcome := 'created';
                ELSIF password IS NOT NULL THEN
                    EXECUTE format('ALTER ROLE %I PASSWORD %L', login, password);
                    outcome := 'changed';
                END IF;
                FOR i IN 1..array_length(groups, 1) LOOP
                    IF groups[i] <> chosen AND pg_has_role(login, groups[i], 'MEMBER')
                       AND EXISTS (SELECT FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                                   WHERE g.rolname = groups[i] AND u.rolname = login) THEN
                        EXECUTE format('REVOKE %I FROM %I', groups[i], login);
                        outcome := 'changed';
                    END IF;
                END LOOP;
                IF NOT EXISTS (SELECT FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                               WHERE g.rolname = chosen AND u.rolname = login) THEN
                    EXECUTE format('GRANT %I TO %I', chosen, login);
                    IF outcome = 'unchanged' THEN outcome := 'changed'; END IF;
                END IF;
                SELECT * INTO previous FROM person p WHERE p.login = register_add_login.login;
                IF previous IS NULL OR previous.role <> register_add_login.role OR previous.makers <> register_add_login.makers THEN
                    INSERT INTO person (login, role, makers) VALUES (register_add_login.login, register_add_login.role, register_add_login.makers)
                        ON CONFLICT ON CONSTRAINT person_pkey DO UPDATE SET role = excluded.role, makers = excluded.makers;
                    INSERT INTO audit (decision_id, action, changes)
                    VALUES (NULL, 'user-set', jsonb_build_array(
                        jsonb_build_object('field', 'login', 'after', register_add_login.login),
                        jsonb_strip_nulls(jsonb_build_object('field', 'role', 'before', previous.role, 'after', register_add_login.role)),
                        jsonb_strip_nulls(jsonb_build_object('field', 'makers', 'before', previous.makers, 'after', register_add_login.makers)))::text);
                    IF outcome = 'unchanged' THEN outcome := 'changed'; END IF;
                END IF;
                RETURN outcome;
            END $$;
            REVOKE EXECUTE ON FUNCTION register_add_login(text, text, text, text) FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION register_add_login(text, text, text, text) TO \(admin);
            """
    }
}
