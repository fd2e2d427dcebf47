import CLibPQ
import Foundation

/// The rows a statement returned, read in place from libpq's result (nothing is copied until a
/// cell is read). Not Sendable: it owns the PGresult, which it frees when it goes.
public final class PostgresRows: RandomAccessCollection {
    private let result: OpaquePointer
    /// The columns' names, in order, as the server named them.
    public let columnNames: [String]
    private let columnIndexByName: [String: Int]
    /// The number of rows returned.
    public let count: Int
    /// Rows inserted, updated or deleted (0 for a statement that touches none, or for other
    /// commands), from the command tag.
    public let affectedRowCount: Int
    /// The command tag, e.g. "INSERT 0 1", "UPDATE 3", "COMMIT".
    public let commandTag: String

    init(result: OpaquePointer) {
        self.result = result
        let columnCount = Int(PQnfields(result))
        var names: [String] = []
        var indexByName: [String: Int] = [:]
        for column in 0..<columnCount {
            let name = PQfname(result, Int32(column)).map { String(cString: $0) } ?? ""
            names.append(name)
            // A duplicated name (`SELECT 1 AS a, 2 AS a`) finds the first, as PQfnumber would.
            if indexByName[name] == nil { indexByName[name] = column }
        }
        columnNames = names
        columnIndexByName = indexByName
        count = Int(PQntuples(result))
        affectedRowCount = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
        commandTag = PQcmdStatus(result).map { String(cString: $0) } ?? ""
    }

    deinit { PQclear(result) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(position: Int) -> PostgresRow { PostgresRow(rows: self, index: position) }

    /// The first row, for a statement that returns one.
    public var single: PostgresRow? { isEmpty ? nil : self[0] }

    func columnIndex(_ column: PostgresColumn) throws -> Int {
        switch column {
        case .index(let index):
            guard index >= 0, index < columnNames.count else {
                throw PostgresError(kind: .decoding, message: "no column \(index): the result has \(columnNames.count)")
            }
            return index
        case .name(let name):
            guard let index = columnIndexByName[name] else {
                throw PostgresError(kind: .decoding, message: "no column named \"\(name)\" (the result has \(columnNames.joined(separator: ", ")))")
            }
            return index
        }
    }

    func isNull(row: Int, column: Int) -> Bool { PQgetisnull(result, Int32(row), Int32(column)) != 0 }

    /// The cell's text, nil for NULL (every column is in text format).
    func text(row: Int, column: Int) -> String? {
        if isNull(row: row, column: column) { return nil }
        guard let value = PQgetvalue(result, Int32(row), Int32(column)) else { return nil }
        let length = Int(PQgetlength(result, Int32(row), Int32(column)))
        return value.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    func typeOID(column: Int) -> UInt32 { PQftype(result, Int32(column)) }
}

/// A column by position (from 0) or by name: `row.string(0)`, `row.string("title")`.
public enum PostgresColumn: Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    case index(Int)
    case name(String)
    public init(integerLiteral value: Int) { self = .index(value) }
    public init(stringLiteral value: String) { self = .name(value) }
}

/// One row of a result. Each reader returns nil for NULL and throws when the column does not
/// exist or its text is not of the type asked for (never a silent 0 or false).
public struct PostgresRow {
    let rows: PostgresRows
    public let index: Int

    public func isNull(_ column: PostgresColumn) throws -> Bool {
        rows.isNull(row: index, column: try rows.columnIndex(column))
    }

    public func string(_ column: PostgresColumn) throws -> String? {
        rows.text(row: index, column: try rows.columnIndex(column))
    }

    public func int64(_ column: PostgresColumn) throws -> Int64? {
        try parsed(column, as: "an integer") { Int64($0) }
    }

    public func int(_ column: PostgresColumn) throws -> Int? {
        try parsed(column, as: "an integer") { Int($0) }
    }

    public func bool(_ column: PostgresColumn) throws -> Bool? {
        try parsed(column, as: "a boolean") { text in
            switch text {
            case "t": true
            case "f": false
            default: nil
            }
        }
    }

    public func double(_ column: PostgresColumn) throws -> Double? {
        try parsed(column, as: "a double") { text in
            switch text {
            case "Infinity": .infinity
            case "-Infinity": -.infinity
            case "NaN": .nan
            default: Double(text)
            }
        }
    }

    /// A bytea column, in either of the server's output formats (hex, the default, or escape).
    public func data(_ column: PostgresColumn) throws -> Data? {
        try parsed(column, as: "bytea") { ByteaText.decode($0) }
    }

    /// The cell as the value its column's type suggests: bool, integers, floats and bytea as
    /// such, anything else as text.
    public func value(_ column: PostgresColumn) throws -> PostgresValue {
        let position = try rows.columnIndex(column)
        if rows.isNull(row: index, column: position) { return .null }
        switch rows.typeOID(column: position) {
        case PostgresValue.boolOID: return .bool(try bool(.index(position))!)
        case PostgresValue.int8OID, PostgresValue.int4OID, 21: return .integer(try int64(.index(position))!)  // and int2
        case PostgresValue.float8OID, 700: return .double(try double(.index(position))!)  // float8, float4
        case PostgresValue.byteaOID: return .bytea(try data(.index(position))!)
        default: return .text(try string(.index(position))!)
        }
    }

    private func parsed<T>(_ column: PostgresColumn, as typeName: String, _ parse: (String) -> T?) throws -> T? {
        let position = try rows.columnIndex(column)
        guard let text = rows.text(row: index, column: position) else { return nil }
        guard let value = parse(text) else {
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            throw PostgresError(kind: .decoding, message: "column \"\(rows.columnNames[position])\" of row \(index) is not \(typeName): \(shown)")
        }
        return value
    }
}

/// bytea's two text output formats: hex (`\x4142`) and the older escape format (`AB\000\\`).
enum ByteaText {
    static func decode(_ text: String) -> Data? {
        let bytes = Array(text.utf8)
        if bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x") {
            return decodeHex(bytes[2...])
        }
        return decodeEscape(bytes)
    }

    private static func decodeHex(_ digits: ArraySlice<UInt8>) -> Data? {
        guard digits.count % 2 == 0 else { return nil }
        var data = Data(capacity: digits.count / 2)
        var iterator = digits.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            guard let h = hexValue(high), let l = hexValue(low) else { return nil }
            data.append(h << 4 | l)
        }
        return data
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func decodeEscape(_ bytes: [UInt8]) -> Data? {
        var data = Data(capacity: bytes.count)
        var position = 0
        let backslash = UInt8(ascii: "\\")
        while position < bytes.count {
            let byte = bytes[position]
            guard byte == backslash else { data.append(byte); position += 1; continue }
            if position + 1 < bytes.count, bytes[position + 1] == backslash {
                data.append(backslash); position += 2; continue
            }
            guard position + 3 < bytes.count else { return nil }
            var value: UInt16 = 0
            for digit in bytes[(position + 1)...(position + 3)] {
                guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "7") else { return nil }
                value = value * 8 + UInt16(digit - UInt8(ascii: "0"))
            }
            guard value <= 255 else { return nil }
            data.append(UInt8(value))
            position += 4
        }
        return data
    }
}
