/// Turns HTML into plain text lines: tags removed (scripts and styles with their
/// contents), block elements as line breaks, entities decoded. Tolerates broken markup.
public enum HTMLText {
    static let blockTags: Set<String> = [
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dt", "dd", "dl",
        "section", "article", "header", "footer", "blockquote", "hr", "caption", "title", "form",
    ]
    static let skippedTags: Set<String> = ["script", "style", "noscript", "template", "head-meta"]

    public static func text(fromHTML html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count / 2)
        var index = html.startIndex
        while index < html.endIndex {
            let c = html[index]
            if c == "<" {
                // Comments and declarations.
                if html[index...].hasPrefix("<!--") {
                    if let end = html.range(of: "-->", range: index..<html.endIndex) { index = end.upperBound } else { index = html.endIndex }
                    continue
                }
                guard let close = html[index...].firstIndex(of: ">") else { break }  // truncated tag: drop the rest
                let inside = html[html.index(after: index)..<close]
                index = html.index(after: close)
                let isClosing = inside.hasPrefix("/")
                let name = inside.drop(while: { $0 == "/" || $0 == "!" })
                    .prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
                if !isClosing && skippedTags.contains(name) && !inside.hasSuffix("/") {
                    // Script and style contents are not markup: skip straight to the closing tag.
                    if let end = html.range(of: "</" + name, options: .caseInsensitive, range: index..<html.endIndex),
                       let close = html[end.upperBound...].firstIndex(of: ">") {
                        index = html.index(after: close)
                    } else {
                        index = html.endIndex
                    }
                    continue
                }
                if blockTags.contains(name) {
                    out.append("\n")
                } else if name == "td" || name == "th" {
                    out.append(" ")
                }
                continue
            }
            index = html.index(after: index)
            out.append(c)
        }
        return decodeEntities(out)
    }

    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "pound": "£",
        "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "ndash": "–", "mdash": "—", "hellip": "…",
        "bull": "•", "middot": "·", "euro": "€", "copy": "©", "reg": "®", "trade": "™", "deg": "°",
        "frac12": "½", "frac14": "¼", "frac34": "¾", "sect": "§", "para": "¶", "eacute": "é", "egrave": "è",
        "aacute": "á", "agrave": "à", "ccedil": "ç", "uuml": "ü", "ouml": "ö", "auml": "ä", "shy": "",
        "zwnj": "", "zwj": "", "times": "×", "laquo": "«", "raquo": "»", "sbquo": "‚", "bdquo": "„",
    ]

    /// Decodes named, decimal and hexadecimal character references; leaves unknown ones as written.
    public static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            guard c == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";") else {
                out.append(c)
                index = text.index(after: index)
                continue
            }
            let body = text[text.index(after: index)..<semicolon]
            var replacement: String?
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                replacement = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            } else if body.hasPrefix("#") {
                replacement = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            } else {
                replacement = named[String(body)]
            }
            if let replacement {
                out += replacement
                index = text.index(after: semicolon)
            } else {
                out.append(c)
                index = text.index(after: index)
            }
        }
        return out
    }
}

import Foundation
