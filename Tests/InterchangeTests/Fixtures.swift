import Foundation

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A seed record shipped in Data/seeds.
    static func seed(_ number: String) throws -> (Data, String) {
        let dir = root.appendingPathComponent("Data/seeds")
        let name = try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasPrefix(number + "_") }!
        return (try Data(contentsOf: dir.appendingPathComponent(name)), name)
    }

    static func file(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/" + name))
    }
}
