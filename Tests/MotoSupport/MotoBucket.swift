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

    /// One object to upload: `kind` is `random`, `records` (gzip CloudTrail-like JSON), `text` or `file` (the
    /// bytes of the file at `path`).
    public struct Item: Sendable {
        public var key: String
        public var size: Int
        public var kind: String
        public var body: String?
        public var path: String?
        public var contentEncoding: String?

        public init(key: String, size: Int = 0, kind: String = "random", body: String? = nil, contentEncoding: String? = nil) {
            self.key = key
            self.size = size
            self.kind = kind
            self.body = body
            self.contentEncoding = contentEncoding
        }

        /// The file at `path`, uploaded as it is.
        public init(key: String, file path: String) {
            self.init(key: key, kind: "file")
            self.path = path
        }

        /// Every file under `folder`, keyed by its path below it after `prefix`.
        public static func tree(_ folder: String, prefix: String = "") -> [Item] {
            let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
            return files.sorted().compactMap { relative in
                var isDirectory: ObjCBool = false
                let path = folder + "/" + relative
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
                return Item(key: prefix + relative, file: path)
            }
        }
    }

    /// Creates `bucket` on the moto server and uploads `items`.
    public static func seed(_ server: MotoServer, bucket: String, _ items: [Item]) throws -> MotoBucket {
        let folder = ScratchFolder()
        let objects: [[String: Any]] = items.map { item in
            var entry: [String: Any] = ["key": item.key, "size": item.size, "kind": item.kind]
            if let body = item.body { entry["body"] = body }
            if let path = item.path { entry["path"] = path }
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
