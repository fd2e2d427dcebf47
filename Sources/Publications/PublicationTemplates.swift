import Foundation
import Mustache

/// The templates documents are rendered from. Each template is looked up by name in the
/// directories given, first found wins: a council's own directory (its wording, header and
/// logo line) before the shipped defaults, so a council replaces only the files it has.
/// Partials (`{{> masthead}}`, `{{> page-style}}`) are looked up the same way.
///
/// swift-mustache renders them: logic-less templates keep the wording a council edits free
/// of code, and it escapes every value for HTML unless a template asks otherwise.
public struct PublicationTemplates: Sendable {
    /// The directories searched, in order (a council's first).
    public let directories: [String]
    private let libraries: [PublicationFormat: MustacheLibrary]
    /// Where each template came from, by format and name.
    private let origins: [PublicationFormat: [String: String]]

    /// Loads every `*.html.mustache` and `*.txt.mustache` in `directories`; a name found in an
    /// earlier directory hides the same name in a later one. A template that does not parse is
    /// refused with its file, line and column.
    public init(directories: [String]) throws {
        self.directories = directories
        var found: [PublicationFormat: [String: String]] = [:]
        for directory in directories.reversed() {
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            for file in files.sorted() {
                for format in PublicationFormat.allCases where file.hasSuffix("." + format.templateExtension) {
                    let name = String(file.dropLast(format.templateExtension.count + 1))
                    found[format, default: [:]][name] = (directory as NSString).appendingPathComponent(file)
                }
            }
        }
        var libraries: [PublicationFormat: MustacheLibrary] = [:]
        for format in PublicationFormat.allCases {
            var library = MustacheLibrary()
            for (name, path) in found[format] ?? [:] {
                library.register(try Self.parse(path, format: format), named: name)
            }
            libraries[format] = library
        }
        self.libraries = libraries
        origins = found
    }

    /// The file `kind` is rendered from in `format`, or nil when no directory has it.
    public func source(of kind: PublicationKind, format: PublicationFormat) -> String? {
        origins[format]?[kind.templateName]
    }

    /// Renders `document` with the template for `kind`.
    public func render(_ document: some PublishedDocument, format: PublicationFormat) throws -> String {
        let kind = type(of: document).kind
        guard let library = libraries[format], let text = library.render(document, withTemplate: kind.templateName) else {
            throw PublicationError.templateMissing(name: kind.templateName + "." + format.templateExtension, searched: directories)
        }
        // A text file ends with a line break, whatever the template's last partial left.
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    private static func parse(_ path: String, format: PublicationFormat) throws -> MustacheTemplate {
        guard let data = FileManager.default.contents(atPath: path) else { throw PublicationError.unreadable(path: path) }
        guard var text = String(data: data, encoding: .utf8) else { throw PublicationError.notUTF8(path: path) }
        // Plain text is not HTML-escaped, whether or not a council's template says so.
        if format == .text { text = "{{% CONTENT_TYPE: TEXT}}" + text }
        do {
            return try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            throw PublicationError.badTemplate(path: path, line: error.context.lineNumber, column: error.context.columnNumber,
                                               reason: String(describing: error.error))
        }
    }
}

/// A document model a template renders: its fields are the template's variables.
public protocol PublishedDocument: Sendable {
    static var kind: PublicationKind { get }
}

/// Why a document could not be produced; each says which file and what to do.
public enum PublicationError: Error, CustomStringConvertible, Equatable {
    case templateMissing(name: String, searched: [String])
    case unreadable(path: String)
    case notUTF8(path: String)
    case badTemplate(path: String, line: Int, column: Int, reason: String)

    public var description: String {
        switch self {
        case .templateMissing(let name, let searched):
            "no template \(name) in \(searched.isEmpty ? "any directory (set CABINET_DATA to the shipped Data folder)" : searched.joined(separator: ", "))"
        case .unreadable(let path): "template \(path): cannot be read"
        case .notUTF8(let path): "template \(path): not UTF-8 text"
        case .badTemplate(let path, let line, let column, let reason): "template \(path):\(line):\(column): \(reason)"
        }
    }
}

extension PublicationTemplates {
    /// Where templates are looked for, first found wins: `explicit` (--templates DIR), then
    /// the council's own `$XDG_CONFIG_HOME/cabinet-desk/templates` (else
    /// `~/.config/cabinet-desk/templates`), then the shipped defaults in `shipped`.
    public static func searchPath(explicit: String?, environment: [String: String], shipped: String?) -> [String] {
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return [explicit, config + "/cabinet-desk/templates", shipped].compactMap { $0 }
    }
}
