/// A small non-validating XML reader for web-service responses: elements, attributes, text,
/// CDATA, comments and processing instructions, and the five predefined and numeric character
/// references. There is no DTD support at all (a DOCTYPE is refused before this runs), so
/// nothing is ever expanded or fetched. One pass over the bytes, linear in their number however
/// the document is shaped (libxml2 2.9 is quadratic in an element's attribute count, and refuses
/// a document pushed whole past 10 MB).
struct XMLTree {
    private let bytes: [UInt8]
    private let file: String
    private var index = 0
    private var line = 1

    static let maximumDepth = 128

    static func parse(_ bytes: [UInt8], file: String) throws -> MeetingXMLImporter.Node {
        var reader = XMLTree(bytes: bytes, file: file)
        return try reader.document()
    }

    private init(bytes: [UInt8], file: String) { self.bytes = bytes; self.file = file }

    private func error(_ message: String) -> ImportError {
        ImportError(file: file, line: line, message: "malformed XML: " + message)
    }

    private var atEnd: Bool { index >= bytes.count }

    private func peek(_ offset: Int = 0) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

    private func starts(with literal: String) -> Bool {
        let utf8 = Array(literal.utf8)
        guard index + utf8.count <= bytes.count else { return false }
        return bytes[index..<(index + utf8.count)].elementsEqual(utf8)
    }

    private mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where index < bytes.count {
            if bytes[index] == 0x0A { line += 1 }
            index += 1
        }
    }

    /// Skips to just past `terminator`, or fails naming what was left open.
    private mutating func skip(past terminator: String, what: String) throws {
        let end = Array(terminator.utf8)
        while !atEnd {
            if bytes[index] == end[0], index + end.count <= bytes.count, bytes[index..<(index + end.count)].elementsEqual(end) {
                advance(end.count)
                return
            }
            advance()
        }
        throw error("the document ends inside \(what) (truncated?)")
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D
            || b == 0x2E || b == 0x3A || b >= 0x80
    }

    private mutating func skipSpace() { while let b = peek(), Self.isSpace(b) { advance() } }

    private mutating func name() throws -> String {
        let start = index
        while let b = peek(), Self.isNameByte(b) { index += 1 }
        guard index > start, !(bytes[start] >= 0x30 && bytes[start] <= 0x39) else { throw error("expected a name") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Lower case without a namespace prefix: ModernGov's element names vary in case between versions.
    private static func localName(_ name: String) -> String {
        let lower = name.lowercased()
        if let colon = lower.lastIndex(of: ":") { return String(lower[lower.index(after: colon)...]) }
        return lower
    }

    /// Text up to the next `<` (or a quote in an attribute), character references decoded.
    private mutating func characters(until stop: UInt8) throws -> String {
        var out: [UInt8] = []
        while let b = peek(), b != stop {
            if b == 0x3C { throw error("'<' inside an attribute value") }
            if b == 0x26 {
                out += try reference()
            } else {
                out.append(b)
                advance()
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `&amp;`, `&#163;`, `&#xA3;` → their UTF-8 bytes; any other entity is an error (no DTD declares one).
    private mutating func reference() throws -> [UInt8] {
        let start = index
        advance()
        var body: [UInt8] = []
        while let b = peek(), b != 0x3B {
            guard body.count < 12, !Self.isSpace(b), b != 0x3C, b != 0x26 else { throw error("an '&' that starts no character reference") }
            body.append(b)
            advance()
        }
        guard peek() == 0x3B else { index = start; throw error("an '&' that starts no character reference") }
        advance()
        let text = String(decoding: body, as: UTF8.self)
        let scalar: Unicode.Scalar?
        switch text {
        case "lt": scalar = "<"
        case "gt": scalar = ">"
        case "amp": scalar = "&"
        case "quot": scalar = "\""
        case "apos": scalar = "'"
        default:
            if text.hasPrefix("#x") || text.hasPrefix("#X") {
                scalar = UInt32(text.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if text.hasPrefix("#") {
                scalar = UInt32(text.dropFirst()).flatMap(Unicode.Scalar.init)
            } else {
                throw error("the entity &\(text.prefix(12)); is not defined (no DTD is read)")
            }
        }
        guard let scalar, scalar.value != 0 else { throw error("&\(text.prefix(12)); is not a character") }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func document() throws -> MeetingXMLImporter.Node {
        var root: MeetingXMLImporter.Node?
        var stack: [MeetingXMLImporter.Node] = []
        var text: [UInt8] = []
        func flushText() throws {
            guard !text.isEmpty else { return }
            if let open = stack.last {
                open.text += String(decoding: text, as: UTF8.self)
            } else if !text.allSatisfy(Self.isSpace) {
                throw error("text outside the document's element")
            }
            text.removeAll(keepingCapacity: true)
        }
        while !atEnd {
            let b = bytes[index]
            if b == 0x26 {
                text += try reference()
                continue
            }
            guard b == 0x3C else {
                text.append(b)
                advance()
                continue
            }
            if starts(with: "<!--") {
                try flushText(); advance(4); try skip(past: "-->", what: "a comment")
            } else if starts(with: "<![CDATA[") {
                advance(9)
                let start = index
                try skip(past: "]]>", what: "a CDATA section")
                text += bytes[start..<(index - 3)]
            } else if starts(with: "<?") {
                try flushText(); advance(2); try skip(past: "?>", what: "a processing instruction")
            } else if starts(with: "<!") {
                throw error("a declaration (<!…>) is not read")
            } else if starts(with: "</") {
                try flushText()
                advance(2)
                let closing = Self.localName(try name())
                skipSpace()
                guard peek() == 0x3E else { throw error("expected '>' closing </\(closing)>") }
                advance()
                guard let open = stack.popLast() else { throw error("</\(closing)> closes nothing") }
                guard open.name == closing else { throw error("</\(closing)> closes <\(open.name)> (opened on line \(open.line))") }
            } else {
                try flushText()
                advance()
                let elementLine = line
                let elementName = Self.localName(try name())
                var attributes: [String: String] = [:]
                var selfClosing = false
                while true {
                    let hadSpace = peek().map(Self.isSpace) ?? false
                    skipSpace()
                    guard let next = peek() else { throw error("the document ends inside <\(elementName)> (truncated?)") }
                    if next == 0x3E { advance(); break }
                    if next == 0x2F {
                        advance()
                        guard peek() == 0x3E else { throw error("expected '>' after '/' in <\(elementName)>") }
                        advance()
                        selfClosing = true
                        break
                    }
                    guard hadSpace else { throw error("expected a space before an attribute of <\(elementName)>") }
                    let attribute = Self.localName(try name())
                    skipSpace()
                    guard peek() == 0x3D else { throw error("attribute \(attribute) of <\(elementName)> has no '='") }
                    advance()
                    skipSpace()
                    guard let quote = peek(), quote == 0x22 || quote == 0x27 else {
                        throw error("attribute \(attribute) of <\(elementName)> is not quoted")
                    }
                    advance()
                    let value = try characters(until: quote)
                    guard peek() == quote else { throw error("the document ends inside an attribute of <\(elementName)> (truncated?)") }
                    advance()
                    guard attributes.updateValue(value, forKey: attribute) == nil else {
                        throw error("attribute \(attribute) given twice in <\(elementName)>")
                    }
                }
                let node = MeetingXMLImporter.Node(name: elementName, attributes: attributes, line: elementLine)
                if let parent = stack.last {
                    parent.children.append(node)
                } else if root == nil {
                    root = node
                } else {
                    throw error("a second top-level element <\(elementName)>")
                }
                if !selfClosing {
                    guard stack.count < Self.maximumDepth else {
                        throw ImportError(file: file, line: line, message: "XML nested more than \(Self.maximumDepth) elements deep")
                    }
                    stack.append(node)
                }
            }
        }
        try flushText()
        if let open = stack.last { throw error("the document ends before <\(open.name)> is closed (truncated?)") }
        guard let root else { throw error("no element") }
        return root
    }
}
