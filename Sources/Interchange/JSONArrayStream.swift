import Foundation

/// The elements of a JSON array read from a file one at a time, so that a file of millions of
/// records is never held, or decoded, whole. The array is the file itself (`[...]`) or the
/// `"decisions"` member of a top-level object (`{"decisions": [...]}`), the two shapes
/// `DecisionJSON` reads. Only the structure is checked here (brackets, strings, commas); each
/// element's bytes are then decoded on their own, so an error can name the element.
public final class JSONArrayStream {
    public let file: String
    /// Elements returned so far: the index of the next one.
    public private(set) var index = 0
    private let handle: FileHandle
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEndOfFile = false
    /// 1-based line of `position`, for errors.
    private var line = 1
    private var state: State = .start
    private var enclosedInObject = false

    private enum State { case start, inArray, afterArray, done }

    public init(path: String, chunkSize: Int = 1 << 22) throws {
        file = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportError(file: path, message: "cannot be read (missing, a folder, or not permitted)")
        }
        self.handle = handle
        self.chunkSize = chunkSize
    }

    deinit { try? handle.close() }

    /// Whether the array is the "decisions" member of an object rather than the whole file.
    public var isInsideObject: Bool { enclosedInObject }

    /// How an error names element `index`: "[12]", or "decisions[12]" inside an object.
    public func path(ofElement index: Int) -> String {
        enclosedInObject ? "decisions[\(index)]" : "[\(index)]"
    }

    /// The next element's bytes, or nil after the last one (and once the rest of the file has
    /// been checked to hold nothing else).
    public func next() throws -> Data? {
        switch state {
        case .start:
            try openArray()
            return try next()
        case .inArray:
            try skipWhitespace()
            guard let byte = try peek() else { throw error("the file ends inside the array (no closing ])") }
            if byte == UInt8(ascii: "]") {
                guard index == 0 || !expectingElement else { throw error("a comma before ] with no element after it") }
                position += 1
                state = .afterArray
                return try next()
            }
            if index > 0 && !expectingElement {
                guard byte == UInt8(ascii: ",") else { throw error("expected , or ] after element \(index - 1)") }
                position += 1
                expectingElement = true
                return try next()
            }
            let element = try scanValue()
            expectingElement = false
            index += 1
            return element
        case .afterArray:
            try finish()
            state = .done
            return nil
        case .done:
            return nil
        }
    }

    /// After a comma, an element must follow; after an element, a comma or the end.
    private var expectingElement = true

    private func openArray() throws {
        try skipWhitespace()
        guard let byte = try peek() else { throw error("the file is empty: expected a JSON array of decisions") }
        if byte == UInt8(ascii: "[") {
            position += 1
            state = .inArray
            return
        }
        guard byte == UInt8(ascii: "{") else { throw error("expected a JSON array of decisions, or an object with a \"decisions\" array") }
        position += 1
        enclosedInObject = true
        // Members before "decisions" are skipped; "decisions" must hold the array.
        while true {
            try skipWhitespace()
            guard let next = try peek() else { throw error("the file ends before a \"decisions\" array") }
            if next == UInt8(ascii: "}") { throw error("the object has no \"decisions\" array") }
            if next == UInt8(ascii: ",") { position += 1; continue }
            let key = try scanString()
            try expect(UInt8(ascii: ":"))
            try skipWhitespace()
            if key == "decisions" {
                guard try peek() == UInt8(ascii: "[") else { throw error("\"decisions\" is not an array") }
                position += 1
                state = .inArray
                return
            }
            _ = try scanValue()
        }
    }

    /// Whatever follows the array: the rest of the enclosing object, then only whitespace.
    private func finish() throws {
        if enclosedInObject {
            while true {
                try skipWhitespace()
                guard let byte = try peek() else { throw error("the file ends inside the top-level object (no closing })") }
                if byte == UInt8(ascii: "}") { position += 1; break }
                if byte == UInt8(ascii: ",") { position += 1; continue }
                _ = try scanString()
                try expect(UInt8(ascii: ":"))
                _ = try scanValue()
            }
        }
        try skipWhitespace()
        if try peek() != nil { throw error("unexpected text after the end of the JSON") }
    }

    /// One whole value (object, array, string or scalar), as bytes. The value is found in place
    /// and copied once; `position` stays at its start until it is complete, so a read of the
    /// next chunk can move the buffer under it.
    private func scanValue() throws -> Data {
        try skipWhitespace()
        var depth = 0
        var inString = false
        var escaped = false
        let startLine = line
        var end = position
        while true {
            if end >= buffer.count {
                let start = position
                guard try fill() else {
                    if depth == 0 && !inString && end > position { break }
                    throw error("the file ends inside element \(index) (begun at line \(startLine))")
                }
                end -= start
            }
            let byte = buffer[end]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { end += 1; break }
                } else if byte == 0x0A {
                    throw error("a line break inside a string (JSON requires \\n)")
                }
                end += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 {
                    guard end > position else { throw error("expected a value") }
                    return take(upTo: end)
                }
                depth -= 1
                if depth == 0 { return take(upTo: end + 1) }
            case UInt8(ascii: ","), 0x20, 0x09, 0x0D, 0x0A:
                if depth == 0 {
                    guard end > position else { throw error("expected a value") }
                    return take(upTo: end)
                }
                if byte == 0x0A { line += 1 }
            default:
                break
            }
            end += 1
        }
        return take(upTo: end)
    }

    private func take(upTo end: Int) -> Data {
        let value = Data(buffer[position..<end])
        position = end
        return value
    }

    private func scanString() throws -> String {
        try skipWhitespace()
        guard try peek() == UInt8(ascii: "\"") else { throw error("expected a member name in quotes") }
        let bytes = try scanValue()
        guard let name = try? JSONDecoder().decode(String.self, from: bytes) else { throw error("a member name that is not a valid JSON string") }
        return name
    }

    private func expect(_ byte: UInt8) throws {
        try skipWhitespace()
        guard try peek() == byte else { throw error("expected \(Character(Unicode.Scalar(byte)))") }
        position += 1
    }

    private func skipWhitespace() throws {
        while let byte = try peek() {
            guard byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A else { return }
            if byte == 0x0A { line += 1 }
            position += 1
        }
    }

    private func peek() throws -> UInt8? {
        if position >= buffer.count, !(try fill()) { return nil }
        return buffer[position]
    }

    /// Reads the next chunk; false at the end of the file.
    private func fill() throws -> Bool {
        if atEndOfFile { return false }
        let chunk: Data?
        do { chunk = try handle.read(upToCount: chunkSize) } catch {
            throw ImportError(file: file, message: "read failed: \(error.localizedDescription)")
        }
        guard let chunk, !chunk.isEmpty else { atEndOfFile = true; return false }
        buffer.removeFirst(position)
        position = 0
        buffer.append(contentsOf: chunk)
        return true
    }

    private func error(_ message: String) -> ImportError {
        ImportError(file: file, line: line, message: message)
    }
}
