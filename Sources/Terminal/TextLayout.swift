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

private func needsReplacing(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
        || (0x2066...0x2069).contains(scalar.value)
}

/// Cuts `text` to at most `width` display columns, ending with `ellipsis` when cut.
/// A wide character is never split.
public func truncate(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
    guard width > 0 else { return "" }
    if text.utf8.count <= width && text.allSatisfy({ $0.isASCII && $0 >= " " }) { return text }
    let total = displayWidth(text)
    if total <= width { return text }
    let ellipsisWidth = displayWidth(ellipsis)
    let budget = max(0, width - ellipsisWidth)
    var used = 0
    var out = ""
    for character in text {
        let w = displayWidth(character)
        if used + w > budget { break }
        out.append(character)
        used += w
    }
    return ellipsisWidth <= width ? out + ellipsis : out
}

/// Pads `text` with spaces to `width` display columns (never cuts).
public func pad(_ text: String, toWidth width: Int) -> String {
    let w = displayWidth(text)
    return w >= width ? text : text + String(repeating: " ", count: width - w)
}

/// Wraps text at word boundaries to lines of at most `width` display columns. Line breaks
/// in the text start new lines; several blank lines become one; a word longer than a line
/// is broken.
public func wrap(_ text: String, width: Int) -> [String] {
    let width = max(1, width)
    var lines: [String] = []
    var lastWasBlank = false
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let words = paragraph.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" })
        if words.isEmpty {
            if !lastWasBlank && !lines.isEmpty { lines.append("") }
            lastWasBlank = true
            continue
        }
        lastWasBlank = false
        var line = ""
        var lineWidth = 0
        for word in words {
            var word = String(word)
            var wordWidth = displayWidth(word)
            if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                line += " " + word
                lineWidth += 1 + wordWidth
                continue
            }
            if lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
            while wordWidth > width {
                var head = ""
                var headWidth = 0
                var rest = Substring(word)
                while let c = rest.first, headWidth + displayWidth(c) <= width {
                    head.append(c); headWidth += displayWidth(c); rest = rest.dropFirst()
                }
                if head.isEmpty, let c = rest.first { head.append(c); rest = rest.dropFirst() }
                lines.append(head)
                word = String(rest)
                wordWidth = displayWidth(word)
            }
            line = word
            lineWidth = wordWidth
        }
        if lineWidth > 0 { lines.append(line) }
    }
    while lines.last == "" { lines.removeLast() }
    return lines
}
