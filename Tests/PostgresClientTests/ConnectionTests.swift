import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PostgresClient
import Testing

@Suite(.enabled(if: TestServer.isConfigured, TestServer.disabledReason))
struct ConnectionTests {
    /// A login role with a SCRAM password, dropped when `body` ends.
    private func withLoginRole(password: String, _ body: (String) throws -> Void) throws {
        let administrator = try TestServer.connectAsAdministrator()
        let role = TestServer.uniqueName("cabinet_officer")
        let quotedRole = try PostgresConnection.quoteIdentifier(role)
        try administrator.execute("SET password_encryption = 'scram-sha-256'")
        try administrator.execute("CREATE ROLE \(quotedRole) LOGIN PASSWORD \(try administrator.quoteLiteral(password))")
        defer { _ = try? administrator.execute("DROP ROLE \(quotedRole)") }
        let stored = try administrator.execute("SELECT rolpassword FROM pg_authid WHERE rolname = $1", [.text(role)])
        #expect(try stored.single?.string(0)?.hasPrefix("SCRAM-SHA-256$") == true, "stored as a SCRAM verifier")
        try body(role)
    }

    @Test func aWrongPasswordIsRefusedClearlyAndTheRightOneAccepted() throws {
        // Quotes, a backslash, a space and an @: the keyword/value string must quote them.
        let password = #"right 'horse' \battery@staple"#
        try withLoginRole(password: password) { role in
            let asOfficer = try TestServer.info().replacing(["user": role, "password": password])
            let error = try #require(#expect(throws: PostgresError.self) {
                _ = try PostgresConnection(info: asOfficer.replacing(["password": "wrong-guess-7"]))
            })
            #expect(error.kind == .connectionFailed)
            #expect(error.message.contains("password authentication failed for user \"\(role)\""), "\(error.message)")
            #expect(!String(describing: error).contains("wrong-guess-7"))
            #expect(error.statement?.contains(role) == true, "names who tried to connect: \(error.statement ?? "")")

            #expect(!"\(asOfficer)".contains("horse") && !String(reflecting: asOfficer).contains("horse"),
                    "printing connection parameters does not show the password")

            let connection = try PostgresConnection(info: asOfficer)
            #expect(try connection.execute("SELECT current_user").single?.string(0) == role)
        }
    }

    @Test func aMalformedURLsMessageDoesNotRepeatItsPassword() throws {
        // libpq echoes the whole URL when it cannot parse it.
        let error = try #require(#expect(throws: PostgresError.self) {
            _ = try PostgresConnection(url: "postgresql://clerk:s3cret-Pa55@[::1/register")
        })
        #expect(error.kind == .connectionFailed)
        #expect(!String(describing: error).contains("s3cret-Pa55"), "\(error)")
        #expect(error.message.contains("clerk:********@"), "the rest of the message is kept: \(error.message)")
    }

    @Test func anUnreachableServerIsAConnectionFailure() throws {
        let nowhere = try TestServer.info().replacing(["host": "127.0.0.1", "hostaddr": nil, "port": "1", "connect_timeout": "5"])
        let error = #expect(throws: PostgresError.self) { _ = try PostgresConnection(info: nowhere) }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.message.contains("refused") == true, "\(error?.message ?? "")")
        #expect(error?.statement?.contains("127.0.0.1:1") == true)
    }

    @Test func aLostConnectionIsToldApartAndResetReconnectsAndListensAgain() throws {
        let administrator = try TestServer.connectAsAdministrator()
        let connection = try TestServer.connectAsAdministrator()
        let channel = TestServer.uniqueName("register")
        try connection.listen(channel)
        let firstBackend = connection.backendProcessID
        try administrator.execute("SELECT pg_terminate_backend($1)", [.integer(Int64(firstBackend))])

        let error = try #require(#expect(throws: PostgresError.self) { try connection.execute("SELECT 1") })
        #expect(error.isConnectionLost)
        #expect(!error.isSerializationFailure)
        #expect(!connection.isConnected)

        try connection.reset()
        #expect(connection.isConnected)
        #expect(connection.backendProcessID != firstBackend)
        #expect(try connection.execute("SELECT 1 AS one").single?.int("one") == 1)
        try administrator.notify(channel, payload: "after the reset")
        #expect(try connection.waitForNotification(timeout: .seconds(10))?.payload == "after the reset")
    }

    @Test func aWaitingListenerLearnsThatItsConnectionWasLost() throws {
        let administrator = try TestServer.connectAsAdministrator()
        let listener = try TestServer.connectAsAdministrator()
        try listener.listen(TestServer.uniqueName("register"))
        try administrator.execute("SELECT pg_terminate_backend($1)", [.integer(Int64(listener.backendProcessID))])
        let error = #expect(throws: PostgresError.self) {
            // The server's goodbye may come before the close: read until the close is seen.
            for _ in 0..<10 { _ = try listener.waitForNotification(timeout: .seconds(1)) }
        }
        #expect(error?.isConnectionLost == true)
    }
}

/// Restarts a cluster of its own (made with `.ci/postgres`), never the shared one, which other
/// tests are using at the same time.
@Suite(.enabled(if: TestServer.isConfigured && PrivateCluster.scriptExists, TestServer.disabledReason))
struct ServerRestartTests {
    @Test func aConnectionResetAfterTheServerRestartedWorksAndListensAgain() throws {
        let cluster = try PrivateCluster.start()
        defer { cluster.stop() }
        let connection = try PostgresConnection(url: cluster.url)
        let channel = TestServer.uniqueName("register")
        try connection.listen(channel)

        try cluster.run("restart")

        let error = try #require(#expect(throws: PostgresError.self) { try connection.execute("SELECT 1") })
        #expect(error.isConnectionLost, "\(error)")
        try connection.reset()
        #expect(try connection.execute("SELECT 2 AS two").single?.int("two") == 2)
        let notifier = try PostgresConnection(url: cluster.url)
        try notifier.notify(channel, payload: "after the restart")
        #expect(try connection.waitForNotification(timeout: .seconds(10))?.payload == "after the restart")
    }
}

struct PrivateCluster {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".ci/postgres")
    static var scriptExists: Bool { FileManager.default.isExecutableFile(atPath: script.path) }

    let environmentFile: URL
    let url: String

    static func start() throws -> PrivateCluster {
        let environmentFile = FileManager.default.temporaryDirectory
            .appendingPathComponent(TestServer.uniqueName("cabinet-postgres-test") + ".env")
        try run("start", environmentFile)
        let exports = try String(contentsOf: environmentFile, encoding: .utf8)
        let line = try #require(exports.split(separator: "\n").first { $0.hasPrefix("export CABINET_TEST_POSTGRES=") })
        let url = line.dropFirst("export CABINET_TEST_POSTGRES=".count).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        return PrivateCluster(environmentFile: environmentFile, url: url)
    }

    func run(_ command: String) throws { try Self.run(command, environmentFile) }

    func stop() { try? Self.run("stop", environmentFile) }

    /// posix_spawn and waitpid rather than Foundation's Process, whose waitUntilExit was seen
    /// never to return here once pg_ctl had left a server running in the background.
    private static func run(_ command: String, _ environmentFile: URL) throws {
        let arguments = ["/bin/bash", script.path, command, environmentFile.path]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var processID: pid_t = 0
        let spawned = posix_spawn(&processID, "/bin/bash", nil, nil, &argv, environ)
        try #require(spawned == 0, "could not run .ci/postgres: \(String(cString: strerror(spawned)))")
        var status: Int32 = 0
        while waitpid(processID, &status, 0) < 0 {
            try #require(errno == EINTR, "waitpid: \(String(cString: strerror(errno)))")
        }
        let exitedNormally = status & 0x7f == 0
        try #require(exitedNormally && (status >> 8) & 0xff == 0, ".ci/postgres \(command) failed (wait status \(status))")
    }
}
