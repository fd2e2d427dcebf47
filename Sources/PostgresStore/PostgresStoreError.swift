import PostgresClient

/// What goes wrong installing or opening a register on PostgreSQL, said for the person at the terminal.
public enum PostgresStoreError: Error, CustomStringConvertible, Equatable {
    case invalidRolePrefix(String)
    /// The server could not be reached or refused the login (the libpq message, never the password).
    case cannotConnect(server: String, reason: String)
    /// The connecting user may not create the register's roles or schema.
    case notPrivileged(user: String, reason: String)
    /// An extension the schema needs is not installed on the server.
    case missingExtension(name: String, reason: String)
    case server(PostgresError)

    public var description: String {
        switch self {
        case .invalidRolePrefix(let prefix):
            "role prefix \"\(prefix)\" must be lower-case letters, digits and underscores, starting with a letter (at most 40)"
        case .cannotConnect(let server, let reason):
            "cannot connect to \(server): \(reason)"
        case .notPrivileged(let user, let reason):
            "\(user) is not privileged enough to install the register: \(reason)"
        case .missingExtension(let name, let reason):
            "the server lacks the \(name) extension the register's search needs (PostgreSQL's contrib modules: "
                + "Debian's postgresql package has them): \(reason)"
        case .server(let error):
            "the server refused: \(error.message)" + (error.detail.map { " (\($0))" } ?? "")
        }
    }
}
