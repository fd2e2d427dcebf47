import Decisions

/// What an importer read from one file: the records, and for each field the label and line it
/// came from, with every block of text it could not place (for `cabinet import --explain`).
public struct ImportReading: Sendable {
    public struct FieldReading: Sendable, Equatable {
        /// The record's field, e.g. "decision maker", "publication date".
        public var field: String
        /// The label as published ("Date of decision"), or how the value was found ("derived from the text").
        public var label: String
        public var line: Int?
        public var value: String
        public init(field: String, label: String, line: Int?, value: String) {
            self.field = field; self.label = label; self.line = line; self.value = value
        }
    }

    /// A block of text the importer kept in the record's notes because it could not tell what it was.
    public struct Unplaced: Sendable, Equatable {
        public var line: Int
        public var text: String
        public init(line: Int, text: String) { self.line = line; self.text = text }
    }

    public var file: String
    public var format: ImportFormat
    public var records: ImportedRecords
    public var fields: [FieldReading]
    public var unplaced: [Unplaced]

    public init(file: String, format: ImportFormat, records: ImportedRecords, fields: [FieldReading] = [], unplaced: [Unplaced] = []) {
        self.file = file; self.format = format; self.records = records; self.fields = fields; self.unplaced = unplaced
    }
}
