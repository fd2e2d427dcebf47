import Foundation
import Decisions

/// The formats `cabinet import` reads.
public enum ImportFormat: String, Sendable {
    case moderngovText = "ModernGov page (text)"
    case moderngovHTML = "ModernGov page (HTML)"
    case moderngovMeetingXML = "ModernGov meeting XML"
    case cabinetJSON = "Cabinet Desk JSON"
}

/// Reads one file, whatever its format: detected from the content, not the name.
public enum Importer {
    /// Files larger than this are refused rather than read into memory.
    public static let maximumFileSize = 64 * 1024 * 1024

    public static func detectFormat(_ data: Data, file: String) throws -> ImportFormat {
        guard let first = data.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }) else {
            throw ImportError(file: file, message: "the file is empty")
        }
        if first == UInt8(ascii: "[") || first == UInt8(ascii: "{") { return .cabinetJSON }
        let head = String(decoding: data.prefix(4096), as: UTF8.self).lowercased()
        if first == UInt8(ascii: "<") {
            if head.contains("<html") || head.contains("<body") || head.contains("<!doctype html") || head.contains("<div")
                || head.contains("<p>") || head.contains("<h1") || head.contains("<h2") {
                return .moderngovHTML
            }
            if head.hasPrefix("<?xml") || head.contains("<meeting") || head.contains("<getmeeting") || head.contains("<committees")
                || head.contains("<getcommittees") { return .moderngovMeetingXML }
            return .moderngovHTML
        }
        return .moderngovText
    }

    /// A file's contents, its size checked (stat) before anything is read.
    public static func contents(ofFile path: String) throws -> Data {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (attributes[.size] as? NSNumber)?.intValue else {
            throw ImportError(file: path, message: "cannot read the file (missing or not readable)")
        }
        guard attributes[.type] as? FileAttributeType != .typeDirectory else {
            throw ImportError(file: path, message: "is a directory, not a file")
        }
        guard size <= maximumFileSize else { throw tooLarge(path, bytes: size) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportError(file: path, message: "cannot read the file (missing or not readable)")
        }
        defer { try? handle.close() }
        // Read one byte past the limit: a file that grew since the stat is refused, not truncated.
        let data = (try? handle.read(upToCount: maximumFileSize + 1)) ?? Data()
        guard data.count <= maximumFileSize else { throw tooLarge(path, bytes: data.count) }
        return data
    }

    /// The first bytes of a file, enough to tell its format, however large it is.
    public static func head(ofFile path: String, bytes: Int = 4096) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportError(file: path, message: "cannot read the file (missing, a directory, or not readable)")
        }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: bytes)) ?? Data()
    }

    static func tooLarge(_ file: String, bytes: Int) -> ImportError {
        ImportError(file: file, message: "the file is \(bytes / 1_048_576) MB; files over \(maximumFileSize / 1_048_576) MB are refused"
                    + " (a large Cabinet Desk JSON file of new records can be loaded with --bulk)")
    }

    public static func parse(_ data: Data, file: String) throws -> ImportedRecords {
        try reading(data, file: file).records
    }

    /// Reads the files of one import together: a ModernGov GetMeeting response, which names no
    /// committee, takes it from the GetMeetings or GetCommittees response beside it (or from
    /// `committee`, the `--committee` option); a meeting both list and describe is the description.
    public static func readings(_ files: [(file: String, data: Data)], committee: String? = nil) throws -> [ImportReading] {
        var committees = CommitteeDirectory(fallback: committee)
        for (_, data) in files { committees.learn(from: data) }
        var readings = try files.map { try reading($0.data, file: $0.file, committees: committees) }
        let described = Set(readings.flatMap { $0.records.meetings.filter { !$0.items.isEmpty }.compactMap(\.reference) })
        for index in readings.indices {
            // A GetMeetings entry carries no agenda: where the GetMeeting response is here too, it stands.
            readings[index].records.meetings.removeAll { $0.items.isEmpty && $0.reference.map(described.contains) == true }
        }
        return readings
    }

    /// The records of one file with where each field came from.
    public static func reading(_ data: Data, file: String,
                               committees: CommitteeDirectory = CommitteeDirectory()) throws -> ImportReading {
        guard data.count <= maximumFileSize else { throw tooLarge(file, bytes: data.count) }
        let format = try detectFormat(data, file: file)
        if format == .cabinetJSON {
            return ImportReading(file: file, format: format, records: ImportedRecords(decisions: try DecisionJSON.decode(data, file: file)))
        }
        let text = try decodeUTF8(data, file: file)
        if text.unicodeScalars.contains(where: { $0.value == 0 }) {
            throw ImportError(file: file, message: "binary data (NUL bytes) in a text format")
        }
        switch format {
        case .moderngovHTML:
            if file.lowercased().hasSuffix(".xml") || file.lowercased().hasSuffix(".asmx") {
                throw ImportError(file: file, message: "an HTML page where ModernGov web-service XML was expected (the endpoint answered with a web page: an error, a login or a redirect); nothing read")
            }
            return try ModernGovImporter.reading(text: HTMLText.text(fromHTML: text), file: file, format: format)
        case .moderngovMeetingXML:
            return ImportReading(file: file, format: format, records: try MeetingXMLImporter.parse(data, file: file, committees: committees))
        default:
            return try ModernGovImporter.reading(text: text, file: file, format: format)
        }
    }

    /// Strict UTF-8 (after an optional byte-order mark); an error names the line of the first bad byte.
    static func decodeUTF8(_ data: Data, file: String) throws -> String {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        // Find where it breaks, to say so.
        var line = 1
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let length = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            let end = bytes.index(index, offsetBy: max(1, length), limitedBy: bytes.endIndex) ?? bytes.endIndex
            if length == 0 || end == bytes.endIndex && bytes.distance(from: index, to: end) < length
                || String(validating: bytes[index..<end], as: UTF8.self) == nil {
                throw ImportError(file: file, line: line, message: "invalid UTF-8 at byte \(bytes.distance(from: bytes.startIndex, to: index))")
            }
            if byte == 0x0A { line += 1 }
            index = end
        }
        throw ImportError(file: file, message: "invalid UTF-8")
    }
}

