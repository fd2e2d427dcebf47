import Foundation
import Decisions

/// Decisions read from Cabinet Desk JSON files in batches, on a thread of their own, so that
/// decoding one batch overlaps with the store writing the last. Memory is bounded by a few
/// batches whatever the files' size. The first error (a file that cannot be read, an element
/// that does not decode) stops reading and is thrown by `next()`.
public final class StreamedDecisions: @unchecked Sendable {
    // @unchecked: every mutable field below is read and written under `lock` only.
    public let files: [String]
    private let batchSize: Int
    private let lock = NSCondition()
    private var ready: [[Decision]] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    /// Records read from each file, in order, and where each file's records begin overall.
    private var counts: [Int]
    /// "decisions" for a file whose array is inside an object, else "".
    private var elementPrefix: [String]
    private let queueDepth = 3

    public init(files: [String], batchSize: Int = 2_000) {
        self.files = files
        self.batchSize = batchSize
        counts = Array(repeating: 0, count: files.count)
        elementPrefix = Array(repeating: "", count: files.count)
        let thread = Thread { [self] in self.read() }
        thread.name = "cabinet-json-reader"
        thread.start()
    }

    /// The reading thread holds the reader until it ends: a consumer that stops early must call
    /// `cancel()` (a `defer` does).

    /// The next batch, or nil when every file has been read to its end.
    public func next() throws -> [Decision]? {
        lock.lock()
        defer { lock.unlock() }
        while ready.isEmpty && !finished && failure == nil { lock.wait() }
        if let failure { throw failure }
        if ready.isEmpty { return nil }
        let batch = ready.removeFirst()
        lock.broadcast()
        return batch
    }

    /// Stops reading (the consumer gave up).
    public func cancel() {
        lock.lock()
        cancelled = true
        lock.broadcast()
        lock.unlock()
    }

    /// How many records each file held (complete once `next()` has returned nil).
    public var recordsPerFile: [Int] {
        lock.lock()
        defer { lock.unlock() }
        return counts
    }

    /// The file and element of the `ordinal`-th record read, counting from 0 over all files.
    public func locate(ordinal: Int) -> (file: String, element: String)? {
        lock.lock()
        defer { lock.unlock() }
        var first = 0
        for (index, count) in counts.enumerated() {
            if ordinal < first + count { return (files[index], "\(elementPrefix[index])[\(ordinal - first)]") }
            first += count
        }
        return nil
    }

    private func read() {
        do {
            for (fileIndex, file) in files.enumerated() {
                let stream = try JSONArrayStream(path: file)
                var elements: [Data] = []
                elements.reserveCapacity(batchSize)
                var first = 0
                while true {
                    let element = try stream.next()
                    if let element {
                        if stream.index == 1 && stream.isInsideObject { setPrefix("decisions", fileIndex: fileIndex) }
                        elements.append(element)
                        if elements.count < batchSize { continue }
                    }
                    if !elements.isEmpty {
                        let batch = try Self.decode(elements, firstIndex: first, file: file, stream: stream)
                        guard deliver(batch, fileIndex: fileIndex) else { return }
                        first += elements.count
                        elements.removeAll(keepingCapacity: true)
                    }
                    if element == nil { break }
                }
            }
            lock.lock()
            finished = true
            lock.broadcast()
            lock.unlock()
        } catch {
            lock.lock()
            failure = error
            lock.broadcast()
            lock.unlock()
        }
    }

    /// Decoding costs more than finding the elements or writing them: a batch is decoded in
    /// two halves at once. The first error in file order is the one reported.
    private static func decode(_ elements: [Data], firstIndex: Int, file: String, stream: JSONArrayStream) throws -> [Decision] {
        let parts = elements.count >= 64 ? 2 : 1
        let size = (elements.count + parts - 1) / parts
        let prefix = stream.isInsideObject ? "decisions" : ""
        let results = DecodedParts(parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = (part * size)..<min(elements.count, (part + 1) * size)
            do {
                results.set(part, .success(try range.map { index in
                    try DecisionJSON.decodeElement(elements[index], file: file, elementPath: "\(prefix)[\(firstIndex + index)]")
                }))
            } catch {
                results.set(part, .failure(error))
            }
        }
        return try results.joined()
    }

    private func setPrefix(_ prefix: String, fileIndex: Int) {
        lock.lock()
        elementPrefix[fileIndex] = prefix
        lock.unlock()
    }

    /// Waits for room, then hands the batch over; false once cancelled.
    private func deliver(_ batch: [Decision], fileIndex: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        while ready.count >= queueDepth && !cancelled { lock.wait() }
        if cancelled { return false }
        ready.append(batch)
        counts[fileIndex] += batch.count
        lock.broadcast()
        return true
    }
}

/// The halves of a batch decoded on two threads, each written once under the lock.
private final class DecodedParts: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [Result<[Decision], any Error>?]

    init(_ count: Int) { parts = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<[Decision], any Error>) {
        lock.lock()
        parts[index] = result
        lock.unlock()
    }

    func joined() throws -> [Decision] {
        lock.lock()
        defer { lock.unlock() }
        var all: [Decision] = []
        for part in parts { all += try part!.get() }
        return all
    }
}
