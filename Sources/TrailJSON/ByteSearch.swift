#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding bytes in bytes, the one way the project searches text for a literal: memchr for the first byte,
/// memcmp for the rest (no tables to build, no Unicode folding; the literals searched for are ASCII).
public enum ByteSearch {
    /// The offset of the first occurrence of `needle` in `haystack`; 0 for an empty needle.
    public static func firstOffset(of needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer) -> Int? {
        guard let first = needle.first, let pattern = needle.baseAddress else { return 0 }
        guard let start = haystack.baseAddress else { return nil }
        var offset = 0
        while haystack.count - offset >= needle.count {
            guard let hit = memchr(start + offset, Int32(first), haystack.count - offset - needle.count + 1) else { return nil }
            let at = start.distance(to: UnsafeRawPointer(hit))
            if memcmp(start + at, pattern, needle.count) == 0 { return at }
            offset = at + 1
        }
        return nil
    }
}

extension Substring {
    /// The range of the first occurrence of `needle`, compared byte for byte in UTF-8: what `range(of:)` finds
    /// for an ASCII needle, without Foundation's Unicode search.
    public func firstByteRange(of needle: String) -> Range<Index>? {
        var needle = needle
        let found: Int?? = utf8.withContiguousStorageIfAvailable { text in
            needle.withUTF8 { ByteSearch.firstOffset(of: UnsafeRawBufferPointer($0), in: UnsafeRawBufferPointer(text)) }
        }
        let offset: Int?
        switch found {
        case .some(let inPlace): offset = inPlace
        case .none:
            let copy = String(self)[...]
            offset = copy.firstByteRange(of: needle).map { copy.utf8.distance(from: copy.utf8.startIndex, to: $0.lowerBound) }
        }
        guard let offset else { return nil }
        let lower = utf8.index(startIndex, offsetBy: offset)
        return lower..<utf8.index(lower, offsetBy: needle.utf8.count)
    }

    /// Whether `needle` occurs, compared byte for byte.
    public func containsBytes(_ needle: String) -> Bool { firstByteRange(of: needle) != nil }
}
