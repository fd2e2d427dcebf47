/// A decision record as plain text, for `$EDITOR`: one `field: value` line per field, long text
/// on the lines after its field indented by two spaces, `#` lines ignored (as `git commit`'s
/// template). The same field names as `cabinet new --FIELD` and `--set FIELD=VALUE`.
public enum RecordText {
    /// The record written out for editing; with `guide`, each field's hint as a comment.
    public static func render(_ decision: Decision, meetingNumber: Int64?, fields: [DecisionField] = DecisionField.formOrder,
                              heading: [String], guide: Bool = true) -> String {
        var lines = heading.map { "# " + $0 }
        lines.append("# Lines starting with # are ignored. Long text goes on the lines below its field, indented by two spaces.")
        lines.append("")
        for field in fields {
            let value = field.text(of: decision, meetingNumber: meetingNumber)
            if guide { lines.append("# \(field.label): \(field.hint)") }
            if field.isLong {
                lines.append("\(field.rawValue):")
                lines.append(contentsOf: value.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }.map { "  " + $0 })
            } else {
                lines.append("\(field.rawValue): \(value)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The fields as written, in order, with the line each starts on. An unknown or repeated
    /// field, or text outside any field, is refused naming its line.
    public static func parse(_ text: String) -> Result<[(field: DecisionField, text: String, line: Int)], FieldProblems> {
        var values: [(field: DecisionField, text: String, line: Int)] = []
        var problems: [FieldProblem] = []
        var seen: Set<DecisionField> = []
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            let line = String(raw)
            if line.hasPrefix("#") { continue }
            if line.first == " " || line.first == "\t" {
                let content = line.drop(while: { $0 == " " || $0 == "\t" })
                guard !values.isEmpty else {
                    if !content.isEmpty { problems.append(FieldProblem(field: "text", line: number, message: "this line belongs to no field")) }
                    continue
                }
                // Indented lines continue the field above, a new line each.
                let last = values.count - 1
                values[last].text += (values[last].text.isEmpty ? "" : "\n") + content
                continue
            }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard let colon = line.firstIndex(of: ":") else {
                problems.append(FieldProblem(field: String(line.prefix(30)), line: number, message: "expected \"field: value\""))
                continue
            }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard let field = DecisionField(rawValue: name) else {
                problems.append(FieldProblem(field: name, line: number,
                                             message: "no such field; the fields are " + DecisionField.formOrder.map(\.rawValue).joined(separator: ", ")))
                continue
            }
            guard seen.insert(field).inserted else {
                problems.append(FieldProblem(field: name, line: number, message: "given twice"))
                continue
            }
            values.append((field, value, number))
        }
        return problems.isEmpty ? .success(values) : .failure(FieldProblems(problems))
    }
}
