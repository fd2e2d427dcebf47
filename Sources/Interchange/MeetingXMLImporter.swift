import Foundation
import Decisions

/// ModernGov web-service meeting XML (GetMeeting). Placeholder until the XML reader lands:
/// refuses the file with a clear message rather than guessing.
enum MeetingXMLImporter {
    static func parse(_ data: Data, file: String) throws -> ImportedRecords {
        throw ImportError(file: file, message: "ModernGov meeting XML is not supported yet")
    }
}
