import Foundation
import Testing
import Decisions
@testable import Interchange

/// Large JSON files are read an element at a time: the elements must be exactly those a whole
/// decode finds, however the file falls across reads, and a malformed file must say where.
@Suite struct JSONArrayStreamTests {
    func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func elements(_ path: String, chunkSize: Int = 1 << 22) throws -> [String] {
        let stream = try JSONArrayStream(path: path, chunkSize: chunkSize)
        var out: [String] = []
        while let element = try stream.next() { out.append(String(decoding: element, as: UTF8.self)) }
        return out
    }

    @Test(arguments: [1, 2, 3, 7, 64, 1 << 22])
    func elementsSurviveEveryChunkBoundary(chunkSize: Int) throws {
        let text = """
             [ {"a": "x]},{\\"y", "b": [1, {"c": []}]},
            {"title": "caf\u{e9} \\\\"},
            "text", 12, -3.5e2, true, null, [] ]\u{20}
            """
        let found = try elements(try file(text), chunkSize: chunkSize)
        #expect(found == [#"{"a": "x]},{\"y", "b": [1, {"c": []}]}"#, #"{"title": "café \\"}"#, #""text""#, "12", "-3.5e2", "true", "null", "[]"])
    }

    @Test func theDecisionsMemberOfAnObjectIsFoundAmongOthers() throws {
        let text = #"{"exported": "2026-11-23", "meta": {"decisions": "not this"}, "decisions": [{"n": 1}, {"n": 2}], "after": [1]}"#
        let path = try file(text)
        let stream = try JSONArrayStream(path: path, chunkSize: 5)
        var found: [String] = []
        while let element = try stream.next() { found.append(String(decoding: element, as: UTF8.self)) }
        #expect(found == [#"{"n": 1}"#, #"{"n": 2}"#])
        #expect(stream.isInsideObject)
        #expect(stream.path(ofElement: 1) == "decisions[1]")
    }

    @Test func anEmptyArrayHasNoElements() throws {
        #expect(try elements(try file(" [\n] \n")).isEmpty)
    }

    @Test(arguments: [
        ("[{\"a\": 1},\n{\"a\": 2},\n]", 3, "a comma before ]"),
        ("[{\"a\": 1}\n{\"a\": 2}]", 2, "expected , or ] after element 0"),
        ("[{\"a\": 1},\n{\"a\": \"unterminated", 2, "the file ends inside element 1"),
        ("[{\"a\": 1}] trailing", 1, "unexpected text after the end"),
        ("{\"other\": []}", 1, "no \"decisions\" array"),
        ("", 1, "the file is empty"),
        ("\"just text\"", 1, "expected a JSON array"),
        ("[{\"a\": \"line\nbreak\"}]", 1, "a line break inside a string"),
    ])
    func malformedFilesSayWhereAndWhat(text: String, line: Int, message: String) throws {
        let path = try file(text)
        do {
            _ = try elements(path, chunkSize: 4)
            Issue.record("\(text.debugDescription) was read without an error")
        } catch let error as ImportError {
            #expect(error.file == path)
            #expect(error.line == line, "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }

    @Test func streamedDecisionsEqualAWholeDecodeAndCountPerFile() throws {
        let register = SyntheticRegister(seed: 7, today: CivilDate(iso: "2026-11-23")!, spanDays: 3650)
        let first = (0..<2_500).map(register.decision), second = (2_500..<2_600).map(register.decision)
        let paths = try [first, second].map { decisions in
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("decisions-\(UUID().uuidString).json").path
            try DecisionJSON.encode(decisions).write(to: URL(fileURLWithPath: path))
            return path
        }
        let reader = StreamedDecisions(files: paths, batchSize: 1_000)
        defer { reader.cancel() }
        var streamed: [Decision] = []
        var batchSizes: [Int] = []
        while let batch = try reader.next() { streamed += batch; batchSizes.append(batch.count) }
        let whole = try paths.flatMap { try DecisionJSON.decode(Data(contentsOf: URL(fileURLWithPath: $0)), file: $0) }
        #expect(streamed == whole)
        #expect(streamed.count == 2_600)
        #expect(batchSizes == [1_000, 1_000, 500, 100], "batches never straddle files, so each file's count is exact")
        #expect(reader.recordsPerFile == [2_500, 100])
        #expect(reader.locate(ordinal: 2_499)! == (paths[0], "[2499]"))
        #expect(reader.locate(ordinal: 2_500)! == (paths[1], "[0]"))
    }

    @Test func aRecordThatDoesNotDecodeIsNamedByItsElementAndField() throws {
        let good = #"{"title": "Fine", "decision_maker": "Cabinet"}"#
        let bad = #"{"title": "Broken", "decision_maker": "Cabinet", "decision_date": "31/02/2026"}"#
        let path = try file("[\n" + Array(repeating: good, count: 4).joined(separator: ",\n") + ",\n" + bad + "\n]")
        let reader = StreamedDecisions(files: [path], batchSize: 2)
        defer { reader.cancel() }
        do {
            while try reader.next() != nil {}
            Issue.record("the bad record was not refused")
        } catch let error as ImportError {
            #expect(error.file == path)
            #expect(error.field == "[4].decision_date", "\(error)")
        }
    }
}
