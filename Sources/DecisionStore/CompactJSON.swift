/// Hand-written JSON for the small lists stored in decision rows: bulk loads write a million
/// rows, and Foundation's encoder would dominate the time. Output is plain JSON that
/// JSONDecoder reads back.
enum CompactJSON {
    static func string(_ s: String) -> String {
        // Most text needs no escaping at all.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + s + "\""
        }
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func optional(_ s: String?) -> String { s.map(string) ?? "null" }

    static func strings(_ values: [String]) -> String {
        values.isEmpty ? "[]" : "[" + values.map(string).joined(separator: ",") + "]"
    }

    static func ints(_ values: [Int]) -> String {
        values.isEmpty ? "[]" : "[" + values.map(String.init).joined(separator: ",") + "]"
    }
}

import Decisions

extension CompactJSON {
    static func resolutions(_ values: [Resolution]) -> String {
        values.isEmpty ? "[]" : "[" + values.map { "{\"label\":\(optional($0.label)),\"text\":\(string($0.text))}" }.joined(separator: ",") + "]"
    }

    static func documents(_ values: [DocumentLink]) -> String {
        values.isEmpty ? "[]" : "[" + values.map { "{\"title\":\(string($0.title)),\"url\":\(optional($0.url))}" }.joined(separator: ",") + "]"
    }
}
