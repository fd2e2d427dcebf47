import CLibPQ

/// A libpq connection string (`postgresql://user:pw@host:port/db?host=/socketdir` or
/// `host=… dbname=…`), parsed by libpq itself into its keywords, so that a part can be changed
/// (another database, another user) and the server named in messages without the password.
public struct PostgresConnectionInfo: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// libpq's keywords (host, port, dbname, user, password, options, …) that are set.
    public private(set) var parameters: [String: String]

    public init(parsing connectionString: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(connectionString, &errorMessage) else {
            let message = errorMessage.map { String(cString: $0) } ?? "invalid connection string"
            if let errorMessage { PQfreemem(errorMessage) }
            throw PostgresError(
                kind: .connectionFailed,
                message: PasswordRedaction.scrub(message.trimmingTrailingNewlines, passwordsIn: connectionString))
        }
        defer { PQconninfoFree(options) }
        var parameters: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { parameters[String(cString: keyword)] = String(cString: value) }
            option += 1
        }
        self.parameters = parameters
    }

    public init(parameters: [String: String]) { self.parameters = parameters }

    public subscript(keyword: String) -> String? {
        get { parameters[keyword] }
        set { parameters[keyword] = newValue }
    }

    /// The same connection with some keywords changed (a nil value removes one).
    public func replacing(_ changes: [String: String?]) -> PostgresConnectionInfo {
        var copy = self
        for (keyword, value) in changes { copy.parameters[keyword] = value }
        return copy
    }

    /// The keyword/value form libpq reads, each value quoted (sorted, so it is stable).
    public var connectionString: String {
        parameters.keys.sorted().map { keyword in
            let value = parameters[keyword]!
                .replacing("\\", with: "\\\\")
                .replacing("'", with: "\\'")
            return "\(keyword)='\(value)'"
        }.joined(separator: " ")
    }

    /// Who connects to what, for messages: `user@host:port/dbname`, never the password.
    public var serverDescription: String {
        let user = parameters["user"].map { "\($0)@" } ?? ""
        let host = parameters["hostaddr"] ?? parameters["host"] ?? "default socket"
        let port = parameters["port"].map { ":\($0)" } ?? ""
        let database = parameters["dbname"].map { "/\($0)" } ?? ""
        return user + host + port + database
    }
}

extension PostgresConnectionInfo {
    // Printed or interpolated, it names the server: the default would print the password.
    public var description: String { serverDescription }
    public var debugDescription: String { "PostgresConnectionInfo(\(serverDescription))" }
}

/// Keeps the password given in a connection string out of the messages made from it: libpq
/// echoes a malformed URL whole (`…in URI: "postgresql://u:secret@[::1"`).
enum PasswordRedaction {
    static func scrub(_ message: String, passwordsIn connectionString: String) -> String {
        var scrubbed = message
        for password in passwords(in: connectionString) where !password.isEmpty {
            scrubbed = scrubbed.replacing(password, with: "********")
            if let decoded = password.removingPercentEncodingForRedaction, decoded != password, !decoded.isEmpty {
                scrubbed = scrubbed.replacing(decoded, with: "********")
            }
        }
        return scrubbed
    }

    /// Candidates, found without trusting the string to be well formed: the URL's userinfo
    /// after the first colon, and any `password=` value (keyword form or URL query).
    static func passwords(in connectionString: String) -> [String] {
        var found: [String] = []
        if let schemeEnd = connectionString.firstRange(of: "://") {
            let rest = connectionString[schemeEnd.upperBound...]
            if let at = rest.lastIndex(of: "@") {
                let userInfo = rest[..<at]
                if let colon = userInfo.firstIndex(of: ":") { found.append(String(userInfo[userInfo.index(after: colon)...])) }
            }
        }
        var remaining = connectionString[...]
        while let keyword = remaining.firstRange(of: "password") {
            var after = remaining[keyword.upperBound...].drop(while: { $0 == " " })
            guard after.first == "=" else { remaining = remaining[keyword.upperBound...]; continue }
            after = after.dropFirst().drop(while: { $0 == " " })
            let value: Substring
            if after.first == "'" {
                value = after.dropFirst().prefix(while: { $0 != "'" })
            } else {
                value = after.prefix(while: { $0 != " " && $0 != "&" })
            }
            found.append(String(value))
            remaining = after
        }
        return found
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }

    /// %XX decoded, for a password written percent-encoded in a URL; nil if malformed.
    var removingPercentEncodingForRedaction: String? {
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
