/// A failure talking to PostgreSQL: the server's own report (SQLSTATE, message, detail, hint,
/// context) where there is one, the statement that failed, and what kind of failure it is.
///
/// Never carries a password: connection failures name the server by host, port, database and
/// user only, and libpq's messages are scrubbed of the password given in the URL.
/// Never carries parameter values either (they may be exempt text); the server's detail can
/// quote a key that a constraint rejected, as the server chose to say.
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The connection could not be made (unreachable server, refused authentication).
        case connectionFailed
        /// The connection was working and is gone (server restarted or the backend was ended):
        /// `reset()` reconnects.
        case connectionLost
        /// The server refused the statement; `sqlState` says why.
        case server
        /// A value could not be read as the type asked for, or a column does not exist.
        case decoding
        /// A misuse the server never saw (a NUL in text, a transaction inside a transaction).
        case usage
    }

    public let kind: Kind
    /// The five-character SQLSTATE code, e.g. "23505" for a unique violation.
    public let sqlState: String?
    public let message: String
    public let detail: String?
    public let hint: String?
    /// The server's CONTEXT field (e.g. the PL/pgSQL line that raised).
    public let serverContext: String?
    /// The statement that failed, or for a connection failure the server it was made to.
    public let statement: String?

    public init(kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil, hint: String? = nil,
                serverContext: String? = nil, statement: String? = nil) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.serverContext = serverContext
        self.statement = statement
    }

    /// A serializable transaction lost a conflict (40001) or was chosen as a deadlock's victim
    /// (40P01): nothing was written, and running the whole transaction again is expected to work.
    public var isSerializationFailure: Bool {
        sqlState == SQLState.serializationFailure || sqlState == SQLState.deadlockDetected
    }

    /// The connection is gone; the statement's outcome is unknown unless it was in a transaction
    /// (then nothing of it was committed).
    public var isConnectionLost: Bool { kind == .connectionLost }

    public var isUniqueViolation: Bool { sqlState == SQLState.uniqueViolation }

    public var description: String {
        var text = sqlState.map { "PostgreSQL error \($0): \(message)" } ?? "PostgreSQL: \(message)"
        if let detail { text += "\nDETAIL: \(detail)" }
        if let hint { text += "\nHINT: \(hint)" }
        if let serverContext { text += "\nCONTEXT: \(serverContext)" }
        if let statement { text += kind == .connectionFailed ? "\nSERVER: \(statement)" : "\nSQL: \(statement)" }
        return text
    }
}

/// The SQLSTATE codes the application acts on (PostgreSQL's appendix A names them all).
public enum SQLState {
    public static let uniqueViolation = "23505"
    public static let foreignKeyViolation = "23503"
    public static let checkViolation = "23514"
    public static let notNullViolation = "23502"
    public static let serializationFailure = "40001"
    public static let deadlockDetected = "40P01"
    public static let insufficientPrivilege = "42501"
    public static let invalidPassword = "28P01"
    public static let undefinedTable = "42P01"
}
