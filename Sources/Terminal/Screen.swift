/// Where frames are shown and keys come from: a real terminal or memory.
@MainActor
public protocol Screen: AnyObject {
    var size: (width: Int, height: Int) { get }
    func draw(_ grid: Grid)
    /// The next key, or nil when none arrives within the timeout.
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Gives the terminal to another program (an editor) while `body` runs, then takes it back
    /// and redraws everything.
    func suspend<T>(_ body: () throws -> T) rethrows -> T
}

extension Screen {
    /// A screen that owns no terminal has nothing to give back.
    public func suspend<T>(_ body: () throws -> T) rethrows -> T { try body() }
}

/// An in-memory screen for tests and benchmarks: keeps the last frame, replays keys.
@MainActor
public final class MemoryScreen: Screen {
    public var size: (width: Int, height: Int)
    public private(set) var lastFrame: Grid?
    public private(set) var frameCount = 0
    public var pendingKeys: [Key]

    public init(width: Int, height: Int, keys: [Key] = []) {
        size = (width, height)
        pendingKeys = keys
    }

    public func draw(_ grid: Grid) {
        lastFrame = grid
        frameCount += 1
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    /// Changes the size and queues the resize key a terminal would send.
    public func resize(width: Int, height: Int) {
        size = (width, height)
        pendingKeys.insert(.resize, at: 0)
    }
}
