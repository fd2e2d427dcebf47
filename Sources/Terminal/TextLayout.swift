@_exported import TextSafety

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
            // Printable ASCII is one column a byte: measured and cut by position, not by character.
            let ascii = word.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
            let wordWidth = ascii ? word.utf8.count : displayWidth(String(word))
            if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                line += " "
                line += word
                lineWidth += 1 + wordWidth
                continue
            }
            if lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
            // A word longer than a line is broken in one pass over its characters (a
            // character wider than the line stands alone), so wrapping stays linear.
            if ascii {
                var rest = word[...], remaining = wordWidth
                while remaining > 0 {
                    if lineWidth == width { lines.append(line); line = ""; lineWidth = 0 }
                    let take = min(width - lineWidth, remaining)
                    let cut = rest.utf8.index(rest.startIndex, offsetBy: take)
                    line += rest[..<cut]
                    lineWidth += take
                    remaining -= take
                    rest = rest[cut...]
                }
                continue
            }
            for character in word {
                let w = displayWidth(character)
                if lineWidth > 0 && lineWidth + w > width { lines.append(line); line = ""; lineWidth = 0 }
                line.append(character)
                lineWidth += w
            }
        }
        if lineWidth > 0 { lines.append(line) }
    }
    while lines.last == "" { lines.removeLast() }
    return lines
}
