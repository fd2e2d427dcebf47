// The one policy for text that leaves the program, for a person's terminal or another
// program's input: the screen, `list`/`show`, the import report, every error message, CSV,
// JSON and iCalendar. What a record or a file holds never reaches them raw.

/// Text from records never reaches the terminal raw: control characters and escape
/// sequences become visible, harmless symbols (␛, ␇, …), tabs become spaces, and line
/// breaks are kept only when `keepNewlines` (else they become spaces).
public func sanitizeForTerminal(_ text: String, keepNewlines: Bool = false) -> String {
    // Fast path: most text has nothing to replace.
    if !text.unicodeScalars.contains(where: needsReplacing) { return text }
    var out = String.UnicodeScalarView()
    var previousWasCR = false
    for scalar in text.unicodeScalars {
        defer { previousWasCR = scalar == "\r" }
        switch scalar.value {
        case 0x0A:
            // CRLF is one line break.
            if !previousWasCR { out.append(keepNewlines ? scalar : " ") }
        case 0x0D:
            if keepNewlines { out.append("\n") } else { out.append(" ") }
        case 0x09:
            out.append(contentsOf: "    ".unicodeScalars)
        case 0x00..<0x20:
            // Control Pictures block: U+2400 + code (␛ for ESC, ␇ for BEL, …).
            out.append(Unicode.Scalar(0x2400 + scalar.value)!)
        case 0x7F:
            out.append("\u{2421}")
        case 0x80...0x9F:
            // C1 controls (including the 8-bit CSI) are never meaningful in text.
            out.append("\u{FFFD}")
        case 0x202A...0x202E, 0x2066...0x2069:
            // Bidirectional overrides could disguise text: drop them.
            continue
        default:
            out.append(scalar)
        }
    }
    return String(out)
}

/// Whether `scalar` is one the policy replaces or drops: every C0 and C1 control, DEL,
/// and the bidirectional embeddings, overrides and isolates.
public func needsReplacing(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
        || (0x2066...0x2069).contains(scalar.value)
}


/// JSON text with every scalar the policy names written as a `\uXXXX` escape. JSON
/// encoders escape C0 controls but pass C1 controls and bidirectional overrides through
/// raw; escaped, they reach no terminal or viewer, and a reader decodes the same value.
/// (Such scalars can only stand inside JSON strings, where the escape means the same; C0
/// controls outside strings are the layout's own line breaks and indents.)
public func escapingControlsInJSON(_ json: String) -> String {
    func escaped(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x7F && needsReplacing(scalar) }
    guard json.unicodeScalars.contains(where: escaped) else { return json }
    var out = String.UnicodeScalarView()
    for scalar in json.unicodeScalars {
        guard escaped(scalar) else { out.append(scalar); continue }
        let hex = String(scalar.value, radix: 16, uppercase: false)
        out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
    }
    return String(out)
}
