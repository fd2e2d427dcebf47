import Foundation

/// libFuzzer entry point: every importer must turn any bytes into records or an ImportError,
/// never a crash, a hang or an unbounded allocation.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImport(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Data(bytes: data, count: size)
    do {
        let records = try Importer.parse(bytes, file: "fuzz")
        // What parses must also survive our own round trip.
        let decisions = records.decisions + records.meetings.flatMap { $0.items.compactMap(\.decision) }
        if let encoded = try? DecisionJSON.encode(decisions) { _ = try? DecisionJSON.decode(encoded, file: "fuzz") }
        _ = DecisionCSV.encode(decisions)
    } catch is ImportError {
        // Refused with a clear error: what we want.
    } catch {
        fatalError("importer threw something other than ImportError: \(error)")
    }
    // The same bytes as a batch: named .xml (an HTML answer is refused as such), beside itself
    // as a GetMeetings/GetCommittees response, with the field explanation built.
    do {
        let readings = try Importer.readings([("fuzz.xml", bytes), ("fuzz.txt", bytes)], committee: "Cabinet")
        _ = readings.map { $0.fields.count + $0.unplaced.count }
    } catch is ImportError {
    } catch {
        fatalError("batch import threw something other than ImportError: \(error)")
    }
    return 0
}
