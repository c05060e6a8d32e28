import Foundation

/// The INI dialect of the AWS shared files: `[section]` headers, `key = value` lines, full-line comments
/// (`#`, `;`), and indented `key = value` lines under a key with an empty value (nested settings such as
/// `s3 =` / `  addressing_style = path`).
///
/// https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html
public struct INIFile: Sendable, Equatable {
    public struct Section: Sendable, Equatable {
        public var name: String
        public var properties: [String: String] = [:]
        /// Nested settings by parent key.
        public var nested: [String: [String: String]] = [:]
    }

    /// A line the parser could not read.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    /// Sections in file order; a repeated header continues the earlier section.
    public private(set) var sections: [Section] = []

    public init(parsing text: String) throws(ParseError) {
        var current: Int?
        var nestedParent: String?
        var number = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            let indented = line.first == " " || line.first == "\t"
            if trimmed.hasPrefix("[") {
                guard let close = trimmed.firstIndex(of: "]") else {
                    throw ParseError(line: number, message: "section header without `]`")
                }
                let after = trimmed[trimmed.index(after: close)...].trimmingCharacters(in: .whitespaces)
                guard after.isEmpty || after.hasPrefix("#") || after.hasPrefix(";") else {
                    throw ParseError(line: number, message: "text after section header")
                }
                let name = trimmed[trimmed.index(after: trimmed.startIndex)..<close].trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { throw ParseError(line: number, message: "empty section name") }
                if let existing = sections.firstIndex(where: { $0.name == name }) {
                    current = existing
                } else {
                    sections.append(Section(name: name))
                    current = sections.count - 1
                }
                nestedParent = nil
                continue
            }
            guard let section = current else {
                throw ParseError(line: number, message: "setting before any section header")
            }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw ParseError(line: number, message: "expected `key = value`")
            }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { throw ParseError(line: number, message: "empty key") }
            if indented, let parent = nestedParent {
                sections[section].nested[parent, default: [:]][key] = value
                continue
            }
            sections[section].properties[key] = value
            nestedParent = value.isEmpty ? key : nil
        }
    }

    public func section(_ name: String) -> Section? { sections.first { $0.name == name } }
}
