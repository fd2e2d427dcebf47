import Foundation

/// A statement parameter (or a cell read back with `PostgresRow.value`).
public enum PostgresValue: Sendable, Hashable {
    case text(String)
    case integer(Int64)
    case bool(Bool)
    case double(Double)
    case bytea(Data)
    case null

    public static func integer(_ value: Int) -> PostgresValue { .integer(Int64(value)) }

    /// `value` or NULL.
    public static func optional(_ value: String?) -> PostgresValue { value.map(PostgresValue.text) ?? .null }
    public static func optional(_ value: Int64?) -> PostgresValue { value.map(PostgresValue.integer) ?? .null }
    public static func optional(_ value: Int?) -> PostgresValue { value.map { .integer(Int64($0)) } ?? .null }
    public static func optional(_ value: Bool?) -> PostgresValue { value.map(PostgresValue.bool) ?? .null }
    public static func optional(_ value: Double?) -> PostgresValue { value.map(PostgresValue.double) ?? .null }
    public static func optional(_ value: Data?) -> PostgresValue { value.map(PostgresValue.bytea) ?? .null }
}

extension PostgresValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(nilLiteral: ()) { self = .null }
}

/// How one parameter goes over the wire to PQexecParams.
struct EncodedParameter {
    /// nil for NULL.
    var bytes: [UInt8]?
    var typeOID: UInt32
    /// 0 text, 1 binary.
    var format: Int32
}

extension PostgresValue {
    // Type OIDs from pg_type. Text goes as "unknown" (0) so that the server infers the type from
    // the statement, as for a literal: a text parameter can then fill a timestamptz, a jsonb or
    // an enum column. Numbers and booleans are typed so that `SELECT $1` keeps their type.
    // An integer that fits goes as int4, as psycopg does: bigint casts implicitly to nothing
    // smaller, so an int8 parameter would not reach a function taking int4 (substr,
    // pg_terminate_backend), while an int4 one still compares with a bigint column by its index.
    static let int4OID: UInt32 = 23
    static let int8OID: UInt32 = 20
    static let boolOID: UInt32 = 16
    static let float8OID: UInt32 = 701
    static let byteaOID: UInt32 = 17

    func encoded(position: Int) throws -> EncodedParameter {
        switch self {
        case .text(let string):
            let bytes = Array(string.utf8)
            // A C string would end at the NUL and send the rest of the text nowhere, silently;
            // PostgreSQL's text cannot hold a NUL anyway.
            if bytes.contains(0) {
                throw PostgresError(kind: .usage, message: "parameter $\(position) is text containing a NUL character, which PostgreSQL text cannot hold")
            }
            return EncodedParameter(bytes: bytes, typeOID: 0, format: 0)
        case .integer(let value):
            let type = Int32(exactly: value) == nil ? Self.int8OID : Self.int4OID
            return EncodedParameter(bytes: Array(String(value).utf8), typeOID: type, format: 0)
        case .bool(let value):
            return EncodedParameter(bytes: Array((value ? "t" : "f").utf8), typeOID: Self.boolOID, format: 0)
        case .double(let value):
            return EncodedParameter(bytes: Array(Self.float8Text(value).utf8), typeOID: Self.float8OID, format: 0)
        case .bytea(let data):
            // Binary format: the bytes as they are, no escaping, NULs included.
            return EncodedParameter(bytes: Array(data), typeOID: Self.byteaOID, format: 1)
        case .null:
            return EncodedParameter(bytes: nil, typeOID: 0, format: 0)
        }
    }

    /// Swift's shortest round-tripping spelling, with the special values as float8in spells them.
    static func float8Text(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "Infinity" }
        if value == -.infinity { return "-Infinity" }
        return "\(value)"
    }
}
