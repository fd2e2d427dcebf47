import Foundation
import Testing

/// `cabinet store copy`, run as a DBA would: a demo register to PostgreSQL and back, against
/// the server in CABINET_TEST_POSTGRES.
@Suite struct StoreCopyCommandTests {
    static let server = StoreInitCommandTests.server

    @Test func bothArgumentsOrStoreAreNeeded() throws {
        let result = try CabinetProcess.run(["store", "copy", "elsewhere.sqlite"])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("give FROM and TO"), "\(result.stderr)")
    }

    @Test func onlyTheSourcesAdministratorCopiesIt() throws {
        let directory = CabinetProcess.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("s.sqlite").path
        #expect(try CabinetProcess.run(["demo", "--count", "3"], store: store).status == 0)
        // The login the command acts as, as the Desk names it.
        let me = getpwuid(getuid()).flatMap { $0.pointee.pw_name }.map { String(cString: $0) } ?? "uid\(getuid())"
        #expect(try CabinetProcess.run(["users", "add", "other", "--role", "admin"], store: store).status == 0)
        #expect(try CabinetProcess.run(["users", "add", me, "--role", "officer"], store: store).status == 0)
        // Refused before any server is asked: this one could not be reached anyway.
        let refused = try CabinetProcess.run(["store", "copy", "postgresql://nobody@127.0.0.1:1/register"], store: store)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("P-COPY-STORE") && refused.stderr.contains("needs the role admin"), "\(refused.stderr)")
    }

    @Test(.enabled(if: server != nil, "CABINET_TEST_POSTGRES is not set"))
    func aRegisterGoesToPostgreSQLAndBackVerifiedAndNeverPrintsThePassword() throws {
        let base = try #require(Self.server)
        let password = try #require(URLComponents(string: base)?.password)
        let database = "cli_copy_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let prefix = "cli" + database.suffix(8)
        try StoreInitCommandTests.psql(base, "CREATE DATABASE \(database)")
        defer {
            _ = try? StoreInitCommandTests.psql(base, "DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
            for role in ["owner", "admin", "officer", "decision_maker", "scrutiny_chair", "member", "viewer"] {
                _ = try? StoreInitCommandTests.psql(base, "DROP ROLE IF EXISTS \(prefix)_\(role)")
            }
        }
        let url = StoreInitCommandTests.url(base, database: database)
        let directory = CabinetProcess.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("source.sqlite").path, back = directory.appendingPathComponent("back.sqlite").path
        let demo = try CabinetProcess.run(["demo", "--count", "150"], store: source)
        #expect(demo.status == 0, "\(demo.stderr)")
        let initialised = try CabinetProcess.run(["store", "init", url, "--role-prefix", prefix])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let checkpoint = try CabinetProcess.run(["audit", "checkpoint"], store: source).stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let there = try CabinetProcess.run(["store", "copy", url, "--role-prefix", prefix], store: source)
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stdout.contains("decision") && there.stdout.contains("150"), "\(there.stdout)")
        #expect(there.stdout.contains("Audit trail verified on both") && there.stdout.contains(checkpoint), "\(there.stdout)")

        let again = try CabinetProcess.run(["store", "copy", source, url, "--role-prefix", prefix])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already holds 150 decisions") && again.stderr.contains("nothing was written"), "\(again.stderr)")

        let home = try CabinetProcess.run(["store", "copy", url, back, "--role-prefix", prefix])
        #expect(home.status == 0, "\(home.stderr)")
        #expect(home.stdout.contains(checkpoint), "\(home.stdout)")
        let verified = try CabinetProcess.run(["audit", "verify"], store: back)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(try CabinetProcess.run(["audit", "checkpoint"], store: back).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == checkpoint)
        let listed = try CabinetProcess.run(["list", "--format", "json"], store: back).stdout
        #expect(listed == (try CabinetProcess.run(["list", "--format", "json"], store: source).stdout))
        for output in [there.stdout, there.stderr, again.stdout, again.stderr, home.stdout, home.stderr] {
            #expect(!output.contains(password))
        }
    }
}
