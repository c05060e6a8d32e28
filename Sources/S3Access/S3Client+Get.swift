import AWSCore
import Foundation

extension S3Client {
    /// Streams an object to `consume` in parts of `configuration.partSize` bytes, in order, reading the next
    /// part while the consumer works on the current one: at most two parts are held, whatever the object's
    /// size. Later parts carry `If-Match` with the first part's ETag, so a replaced object is detected.
    ///
    /// The body is asked for unencoded (`response-content-encoding=identity`), since URLSession would
    /// otherwise undo a stored `Content-Encoding: gzip` and break the ranges; a server that ignores the
    /// override (the body arrives decoded) is read in one whole GET instead.
    /// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
    public func getObject(_ location: S3Location, consume: (Data) async throws -> Void) async throws(S3Error) -> S3ObjectRead {
        let partSize = configuration.partSize
        let first = try await fetchPart(location, offset: 0, length: partSize, etag: nil)
        var read = S3ObjectRead(size: first.total, bytesDelivered: 0, etag: first.etag, requests: 1, decodedByTransport: false)
        if first.decoded {
            read.decodedByTransport = true
            let whole = first.isWhole ? first : try await fetchWhole(location)
            if !first.isWhole { read.requests += 1 }
            var offset = 0
            while offset < whole.body.count {
                let end = min(offset + partSize, whole.body.count)
                try await deliver(whole.body.subdata(in: offset..<end), to: consume, location: location)
                offset = end
            }
            read.bytesDelivered = whole.body.count
            return read
        }
        var current = first
        var offset = first.body.count
        while true {
            let hasMore = offset < current.total && !current.isWhole
            if !hasMore {
                try await deliver(current.body, to: consume, location: location)
                read.bytesDelivered += current.body.count
                return read
            }
            async let next = fetchPartResult(location, offset: offset, length: partSize, etag: first.etag)
            try await deliver(current.body, to: consume, location: location)
            read.bytesDelivered += current.body.count
            current = try await next.get()
            read.requests += 1
            guard !current.body.isEmpty else {
                throw .invalidResponse(location, "empty part at byte \(offset) of \(current.total)")
            }
            offset += current.body.count
        }
    }

    private func deliver(_ data: Data, to consume: (Data) async throws -> Void, location: S3Location) async throws(S3Error) {
        guard !data.isEmpty else { return }
        do {
            try await consume(data)
        } catch let error as S3Error {
            throw error
        } catch {
            throw .consumerFailed(location, String(describing: error))
        }
    }

    /// One part of a ranged read.
    struct Part: Sendable {
        var body: Data
        /// The object's size.
        var total: Int
        var etag: String
        /// The answer held the whole object (HTTP 200).
        var isWhole: Bool
        /// The transport undid a Content-Encoding.
        var decoded: Bool
    }

    private func fetchPartResult(_ location: S3Location, offset: Int, length: Int, etag: String?) async -> Result<Part, S3Error> {
        do throws(S3Error) {
            return .success(try await fetchPart(location, offset: offset, length: length, etag: etag))
        } catch {
            return .failure(error)
        }
    }

    func fetchPart(_ location: S3Location, offset: Int, length: Int, etag: String?) async throws(S3Error) -> Part {
        var headers: [(name: String, value: String)] = [("range", "bytes=\(offset)-\(offset + length - 1)")]
        if let etag, !etag.isEmpty { headers.append(("if-match", etag)) }
        let response = try await send(.getObject, location: location, key: location.key,
            query: [("response-content-encoding", "identity")], headers: headers, accepted: [200, 206, 412, 416])
        switch response.status {
        case 412:
            throw .changedDuringRead(location)
        case 416 where offset == 0:
            // A range of an empty object is not satisfiable: the object has no bytes.
            return Part(body: Data(), total: 0, etag: response.header("etag") ?? "", isWhole: true, decoded: false)
        case 416:
            throw .invalidResponse(location, "range at byte \(offset) not satisfiable")
        case 200:
            return Part(body: response.body, total: response.body.count, etag: response.header("etag") ?? "",
                isWhole: true, decoded: S3Client.isDecoded(response))
        default:
            guard let total = S3Client.totalSize(contentRange: response.header("content-range")) else {
                throw .invalidResponse(location, "206 answer without a Content-Range")
            }
            return Part(body: response.body, total: total, etag: response.header("etag") ?? "",
                isWhole: S3Client.isDecoded(response) ? total <= length : false, decoded: S3Client.isDecoded(response))
        }
    }

    private func fetchWhole(_ location: S3Location) async throws(S3Error) -> Part {
        let response = try await send(.getObject, location: location, key: location.key)
        return Part(body: response.body, total: response.body.count, etag: response.header("etag") ?? "", isWhole: true,
            decoded: S3Client.isDecoded(response))
    }

    /// `bytes 0-99/1234` → 1234.
    static func totalSize(contentRange: String?) -> Int? {
        guard let contentRange, let slash = contentRange.lastIndex(of: "/") else { return nil }
        return Int(contentRange[contentRange.index(after: slash)...].trimmingCharacters(in: .whitespaces))
    }

    /// Whether URLSession decoded the body: it undoes these encodings whatever `Accept-Encoding` says.
    static func isDecoded(_ response: HTTPResponse) -> Bool {
        guard let encoding = response.header("content-encoding")?.lowercased() else { return false }
        return ["gzip", "x-gzip", "deflate", "br", "zstd"].contains(encoding.trimmingCharacters(in: .whitespaces))
    }
}
