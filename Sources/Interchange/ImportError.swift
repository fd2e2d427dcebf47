/// A problem in an input file: names the file, and the line or field where it is.
public struct ImportError: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String
    public var line: Int?
    public var field: String?
    public var message: String

    public init(file: String, line: Int? = nil, field: String? = nil, message: String) {
        self.file = file; self.line = line; self.field = field; self.message = message
    }

    /// "page.txt:12: field 'Date of decision': invalid date 31/02/2024"
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let field { return "\(place): field '\(field)': \(message)" }
        return "\(place): \(message)"
    }
}
