import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An element of an AWS XML response (S3 REST, STS query): name, text and children; attributes and
/// namespaces are dropped since no AWS response this project reads depends on them.
public struct XMLTree: Sendable, Equatable {
    public var name: String
    public var text: String
    public var children: [XMLTree]

    public init(name: String, text: String = "", children: [XMLTree] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// Parses a document; nil when it is not well-formed XML.
    public static func parse(_ data: Data) -> XMLTree? {
        let builder = XMLTreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else { return nil }
        return root
    }

    /// The first child with this name.
    public func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }

    /// Every child with this name, in document order.
    public func children(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }

    /// The element at a path of child names, e.g. `["AssumeRoleWithWebIdentityResult", "Credentials"]`.
    public func descendant(_ path: [String]) -> XMLTree? {
        var node: XMLTree? = self
        for name in path { node = node?.child(name) }
        return node
    }

    /// The text of the child with this name.
    public func text(of name: String) -> String? { child(name)?.text }
}

/// Builds the tree from XMLParser's events (a stack of open elements).
private final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    var stack: [XMLTree] = []
    var root: XMLTree?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:])
    {
        stack.append(XMLTree(name: elementName))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
        qualifiedName: String?)
    {
        guard var done = stack.popLast() else { return }
        if !done.children.isEmpty { done.text = done.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        if stack.isEmpty {
            root = done
        } else {
            stack[stack.count - 1].children.append(done)
        }
    }
}
