import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A transaction's isolation level (PostgreSQL's default is read committed).
public enum IsolationLevel: String, Sendable, CaseIterable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}

/// A NOTIFY received on a channel this connection listens to.
public struct PostgresNotification: Sendable, Equatable {
    public let channel: String
    public let payload: String
    /// The server process of the session that sent it (a connection's own NOTIFY comes back
    /// to it too, with its own `backendProcessID`).
    public let senderProcessID: Int32
}

/// One connection to a PostgreSQL server, synchronous: each call returns when the server has
/// answered.
///
/// Deliberately not Sendable: libpq allows one thread at a time on a connection, and the
/// store uses a connection from the thread that opened it (one per thread, or a pool handing
/// each out to one caller at a time), so the compiler keeps it from being shared.
public final class PostgresConnection {
    private let handle: OpaquePointer
    /// The server, for messages (no password).
    public let serverDescription: String
    /// Channels to LISTEN to again after `reset()`: a new server session starts with none, and
    /// a dashboard that silently stopped hearing of changes would show a stale register.
    private var listenedChannels: [String] = []

    /// Connects with a libpq URL or keyword/value string, e.g.
    /// `postgresql://cabinet:pw@127.0.0.1:5432/register` or
    /// `postgresql:///register?host=/var/run/postgresql` (peer authentication on the socket).
    public convenience init(url: String) throws {
        try self.init(info: PostgresConnectionInfo(parsing: url), originalString: url)
    }

    public convenience init(info: PostgresConnectionInfo) throws {
        try self.init(info: info, originalString: info.connectionString)
    }

    private init(info: PostgresConnectionInfo, originalString: String) throws {
        serverDescription = info.serverDescription
        guard let handle = PQconnectdb(info.connectionString) else {
            throw PostgresError(kind: .connectionFailed, message: "libpq could not allocate a connection", statement: serverDescription)
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = Self.errorMessage(of: handle)
            PQfinish(handle)
            throw PostgresError(
                kind: .connectionFailed,
                message: PasswordRedaction.scrub(message, passwordsIn: originalString + " " + info.connectionString),
                statement: serverDescription)
        }
        self.handle = handle
        // libpq prints the server's notices (e.g. "table does not exist, skipping") to stderr
        // by default, which would land on the dashboard's screen.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit { PQfinish(handle) }

    /// Whether the connection is up as far as libpq knows (it learns of a lost connection when
    /// it next reads or writes).
    public var isConnected: Bool { PQstatus(handle) == CONNECTION_OK }

    /// The server process serving this connection (`pg_stat_activity.pid`).
    public var backendProcessID: Int32 { PQbackendPID(handle) }

    /// e.g. 150004 for 15.4.
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// Whether a transaction is open (also when it has failed and awaits ROLLBACK).
    public var isInTransaction: Bool {
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE
    }

    // MARK: Statements

    /// Runs one statement with `$1, $2, …` bound to `parameters` (never spliced into the SQL).
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PostgresValue] = []) throws -> PostgresRows {
        try Self.checkNoNUL(sql, what: "the SQL")
        let encoded = try parameters.enumerated().map { try $1.encoded(position: $0 + 1) }
        // All values in one buffer, each NUL-terminated, pointed into below.
        var buffer: [UInt8] = []
        var offsets: [Int?] = []
        for parameter in encoded {
            guard let bytes = parameter.bytes else { offsets.append(nil); continue }
            guard bytes.count < Int32.max else {
                throw PostgresError(kind: .usage, message: "parameter $\(offsets.count + 1) is larger than libpq can send (2 GB)")
            }
            offsets.append(buffer.count)
            buffer.append(contentsOf: bytes)
            buffer.append(0)
        }
        buffer.append(0)  // never empty, so it has a base address
        let lengths = encoded.map { Int32($0.bytes?.count ?? 0) }
        let formats = encoded.map(\.format)
        let types = encoded.map(\.typeOID)
        let result: OpaquePointer? = buffer.withUnsafeBufferPointer { bytes in
            bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { base in
                let values: [UnsafePointer<CChar>?] = offsets.map { offset in offset.map { UnsafePointer(base + $0) } }
                return PQexecParams(handle, sql, Int32(encoded.count), types, values, lengths, formats, 0)
            }
        }
        return try rows(from: result, statement: sql)
    }

    /// Runs several `;`-separated statements without parameters (a schema, a migration). They
    /// run as one implicit transaction unless the script has its own BEGIN/COMMIT; the rows
    /// returned are the last statement's.
    @discardableResult
    public func executeScript(_ sql: String) throws -> PostgresRows {
        try Self.checkNoNUL(sql, what: "the SQL")
        return try rows(from: PQexec(handle, sql), statement: sql)
    }

    private func rows(from result: OpaquePointer?, statement: String) throws -> PostgresRows {
        guard let result else { throw failure(result: nil, statement: statement) }
        let status = PQresultStatus(result)
        if status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY {
            return PostgresRows(result: result)
        }
        if status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH {
            PQclear(result)
            abandonCopy(status)
            throw PostgresError(kind: .usage, message: "COPY is not supported by this client", statement: statement)
        }
        let error = failure(result: result, statement: statement)
        PQclear(result)
        throw error
    }

    /// Gets the connection out of COPY mode, where every later statement would fail.
    private func abandonCopy(_ status: ExecStatusType) {
        if status == PGRES_COPY_IN || status == PGRES_COPY_BOTH {
            _ = PQputCopyEnd(handle, "COPY is not supported by this client")
        }
        if status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH {
            var row: UnsafeMutablePointer<CChar>?
            while PQgetCopyData(handle, &row, 0) > 0 { PQfreemem(row); row = nil }
        }
        while let pending = PQgetResult(handle) { PQclear(pending) }
    }

    /// The error for a failed statement: the server's fields when it answered, a lost
    /// connection when libpq's status says so.
    private func failure(result: OpaquePointer?, statement: String) -> PostgresError {
        let kind: PostgresError.Kind = isConnected ? .server : .connectionLost
        guard let result else {
            return PostgresError(kind: kind, message: Self.errorMessage(of: handle), statement: statement)
        }
        func field(_ code: Character) -> String? {
            PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        // Field codes as in postgres_ext.h (PG_DIAG_*), which Swift does not import as macros.
        let message = field("M") ?? PQresultErrorMessage(result).map { String(cString: $0).trimmingTrailingNewlines }
        return PostgresError(
            kind: kind,
            sqlState: field("C"),
            message: message.flatMap { $0.isEmpty ? nil : $0 } ?? Self.errorMessage(of: handle),
            detail: field("D"),
            hint: field("H"),
            serverContext: field("W"),
            statement: statement)
    }

    private static func errorMessage(of handle: OpaquePointer) -> String {
        let message = PQerrorMessage(handle).map { String(cString: $0).trimmingTrailingNewlines } ?? ""
        return message.isEmpty ? "unknown libpq error" : message
    }

    private static func checkNoNUL(_ text: String, what: String) throws {
        if text.utf8.contains(0) {
            throw PostgresError(kind: .usage, message: "\(what) contains a NUL character, where libpq would cut it short")
        }
    }

    // MARK: Transactions

    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws (the error
    /// is rethrown). A serializable conflict surfaces as an error whose
    /// `isSerializationFailure` is true, from a statement in `body` or from COMMIT: nothing
    /// was written, and the caller may run the transaction again.
    public func transaction<T>(
        _ isolation: IsolationLevel = .readCommitted,
        readOnly: Bool = false,
        _ body: (PostgresConnection) throws -> T
    ) throws -> T {
        guard !isInTransaction else {
            throw PostgresError(kind: .usage, message: "a transaction is already open on this connection (PostgreSQL has no nested transactions; use a SAVEPOINT)")
        }
        try execute("BEGIN ISOLATION LEVEL \(isolation.rawValue)\(readOnly ? " READ ONLY" : "")")
        let value: T
        do {
            value = try body(self)
        } catch {
            rollbackIfOpen()
            throw error
        }
        let commit: PostgresRows
        do {
            commit = try execute("COMMIT")
        } catch {
            rollbackIfOpen()
            throw error
        }
        // COMMIT of a transaction in which a statement failed (and `body` caught the error)
        // succeeds with the tag ROLLBACK: nothing was written, so it must not look committed.
        guard commit.commandTag == "COMMIT" else {
            throw PostgresError(
                kind: .usage,
                message: "the transaction was rolled back, not committed: a statement in it failed and its error was caught inside the transaction",
                statement: "COMMIT")
        }
        return value
    }

    private func rollbackIfOpen() {
        guard isConnected, isInTransaction, let result = PQexec(handle, "ROLLBACK") else { return }
        PQclear(result)
    }

    // MARK: LISTEN / NOTIFY

    /// Starts receiving NOTIFYs on `channel` (inside a transaction, from its COMMIT).
    public func listen(_ channel: String) throws {
        try execute("LISTEN \(try Self.channelIdentifier(channel))")
        if !listenedChannels.contains(channel) { listenedChannels.append(channel) }
    }

    public func unlisten(_ channel: String) throws {
        try execute("UNLISTEN \(try Self.channelIdentifier(channel))")
        listenedChannels.removeAll { $0 == channel }
    }

    /// Sends a NOTIFY (inside a transaction, it is delivered at COMMIT, and not at all on
    /// ROLLBACK). The payload is a parameter, never spliced into SQL.
    public func notify(_ channel: String, payload: String = "") throws {
        _ = try Self.channelIdentifier(channel)
        try execute("SELECT pg_notify($1, $2)", [.text(channel), .text(payload)])
    }

    /// The next notification, waiting at most `timeout` for one (zero: only those already
    /// arrived). Returns nil when none came in time; throws if the connection is lost.
    public func waitForNotification(timeout: Duration) throws -> PostgresNotification? {
        if let queued = nextQueuedNotification() { return queued }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        let socket = PQsocket(handle)
        guard socket >= 0 else {
            throw PostgresError(kind: .connectionLost, message: Self.errorMessage(of: handle), statement: "LISTEN")
        }
        while true {
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Self.pollMilliseconds(clock.now.duration(to: deadline)))
            if ready < 0 && errno != EINTR {
                throw PostgresError(kind: .connectionLost, message: "poll failed: \(String(cString: strerror(errno)))", statement: "LISTEN")
            }
            if ready > 0 {
                guard PQconsumeInput(handle) == 1 else {
                    throw PostgresError(kind: .connectionLost, message: Self.errorMessage(of: handle), statement: "LISTEN")
                }
                if let arrived = nextQueuedNotification() { return arrived }
            }
            if clock.now >= deadline { return nil }
        }
    }

    /// The descriptor to wait on alongside others (a frame loop's own poll): readable when a
    /// notification may have arrived; then call `waitForNotification(timeout: .zero)`.
    public var socketDescriptor: Int32 { PQsocket(handle) }

    private func nextQueuedNotification() -> PostgresNotification? {
        guard let notify = PQnotifies(handle) else { return nil }
        defer { PQfreemem(notify) }
        return PostgresNotification(
            channel: String(cString: notify.pointee.relname),
            payload: notify.pointee.extra.map { String(cString: $0) } ?? "",
            senderProcessID: notify.pointee.be_pid)
    }

    /// Rounded up, so that a wait never ends before its deadline and spins.
    static func pollMilliseconds(_ remaining: Duration) -> Int32 {
        guard remaining > .zero else { return 0 }
        let (seconds, attoseconds) = remaining.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }

    /// LISTEN truncates a long name to 63 bytes while pg_notify refuses it: the two would
    /// never meet, so a long name is refused here.
    private static func channelIdentifier(_ channel: String) throws -> String {
        guard !channel.isEmpty, channel.utf8.count < 64 else {
            throw PostgresError(kind: .usage, message: "a channel name must be 1 to 63 bytes long: \"\(channel)\"")
        }
        return try quoteIdentifier(channel)
    }

    /// `name` as a double-quoted SQL identifier (for names the SQL cannot take as a parameter:
    /// schemas, channels, roles).
    public static func quoteIdentifier(_ name: String) throws -> String {
        try checkNoNUL(name, what: "the identifier")
        return "\"" + name.replacing("\"", with: "\"\"") + "\""
    }

    /// `text` as a SQL string literal, for the few statements that take no parameters
    /// (`CREATE ROLE … PASSWORD '…'`): libpq quotes it as this server reads literals.
    public func quoteLiteral(_ text: String) throws -> String {
        try Self.checkNoNUL(text, what: "the literal")
        guard let quoted = PQescapeLiteral(handle, text, text.utf8.count) else {
            throw PostgresError(kind: .usage, message: Self.errorMessage(of: handle))
        }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }

    // MARK: Reconnecting

    /// Closes the connection and opens it again with the same parameters (after the server
    /// restarted, or the connection was lost), then listens again to the same channels.
    public func reset() throws {
        PQreset(handle)
        guard isConnected else {
            throw PostgresError(kind: .connectionFailed, message: Self.errorMessage(of: handle), statement: serverDescription)
        }
        for channel in listenedChannels {
            try execute("LISTEN \(try Self.channelIdentifier(channel))")
        }
    }
}
