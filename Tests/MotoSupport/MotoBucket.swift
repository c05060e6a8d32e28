import Foundation

/// Objects uploaded to a moto bucket by `seed_s3.py` (beside this file), with their digests.
public struct MotoBucket: Sendable {
    public struct Entry: Sendable {
        public var sha256: String
        public var plainSHA256: String
        public var size: Int
    }

    public var name: String
    public var objects: [String: Entry]

    /// One object to upload: `kind` is `random`, `records` (gzip CloudTrail-like JSON) or `text`.
    public struct Item: Sendable {
        public var key: String
        public var size: Int
        public var kind: String
        public var body: String?
        public var contentEncoding: String?

        public init(key: String, size: Int = 0, kind: String = "random", body: String? = nil, contentEncoding: String? = nil) {
            self.key = key
            self.size = size
            self.kind = kind
            self.body = body
            self.contentEncoding = contentEncoding
        }
    }

    /// Creates `bucket` on the moto server and uploads `items`.
    public static func seed(_ server: MotoServer, bucket: String, _ items: [Item]) throws -> MotoBucket {
        let folder = ScratchFolder()
        let objects: [[String: Any]] = items.map { item in
            var entry: [String: Any] = ["key": item.key, "size": item.size, "kind": item.kind]
            if let body = item.body { entry["body"] = body }
            if let encoding = item.contentEncoding { entry["content_encoding"] = encoding }
            return entry
        }
        let spec = try JSONSerialization.data(withJSONObject: ["bucket": bucket, "objects": objects])
        let specPath = folder.path + "/spec.json"
        _ = FileManager.default.createFile(atPath: specPath, contents: spec)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("seed_s3.py").path
        let result = try ProcessRunner.run(["python3", script, server.endpoint, specPath])
        guard result.status == 0 else { throw SeedError(message: result.stderr) }
        let manifest = (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: [String: Any]] ?? [:]
        return MotoBucket(name: bucket, objects: manifest.mapValues {
            Entry(sha256: $0["sha256"] as? String ?? "", plainSHA256: $0["plain_sha256"] as? String ?? "", size: $0["size"] as? Int ?? 0)
        })
    }

    public struct SeedError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { "seeding moto failed: \(message)" }
    }
}
