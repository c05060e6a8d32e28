import AWSAuth
import AWSCore
import Foundation

extension S3Client {
    /// One ListObjectsV2 page.
    /// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
    public func listPage(bucket: String, prefix: String = "", delimiter: String? = nil, startAfter: String? = nil,
        continuationToken: String? = nil, maxKeys: Int? = nil) async throws(S3Error) -> S3ListPage
    {
        var query: [(name: String, value: String)] = [("list-type", "2"), ("encoding-type", "url")]
        if !prefix.isEmpty { query.append(("prefix", prefix)) }
        if let delimiter { query.append(("delimiter", delimiter)) }
        if let startAfter, continuationToken == nil { query.append(("start-after", startAfter)) }
        if let continuationToken { query.append(("continuation-token", continuationToken)) }
        query.append(("max-keys", String(maxKeys ?? configuration.pageSize)))
        let location = S3Location(bucket: bucket, key: prefix)
        let response = try await send(.listObjectsV2, location: location, key: "", query: query)
        guard let page = S3ListParser.parse(response.body) else {
            throw .invalidResponse(location, "ListObjectsV2 answer is not a ListBucketResult")
        }
        return page
    }

    /// Every page under `prefix`, following continuation tokens; `page` sees each one as it arrives.
    public func list(bucket: String, prefix: String = "", delimiter: String? = nil, startAfter: String? = nil,
        page: (S3ListPage) async -> Void) async throws(S3Error)
    {
        var token: String?
        repeat {
            let next = try await listPage(bucket: bucket, prefix: prefix, delimiter: delimiter, startAfter: startAfter,
                continuationToken: token)
            await page(next)
            guard next.isTruncated else { return }
            guard let following = next.nextContinuationToken, following != token else {
                throw .invalidResponse(S3Location(bucket: bucket, key: prefix), "truncated page without a new NextContinuationToken")
            }
            token = following
        } while true
    }

    /// All objects and common prefixes under `prefix`, in key order.
    public func listAll(bucket: String, prefix: String = "", delimiter: String? = nil, startAfter: String? = nil)
        async throws(S3Error) -> S3ListPage
    {
        var all = S3ListPage()
        try await list(bucket: bucket, prefix: prefix, delimiter: delimiter, startAfter: startAfter) { page in
            all.objects += page.objects
            all.commonPrefixes += page.commonPrefixes
        }
        return all
    }
}

/// Reads a `ListBucketResult`; keys come URL-encoded (`encoding-type=url`) so that any key survives XML.
enum S3ListParser {
    static func parse(_ body: Data) -> S3ListPage? {
        guard let root = XMLTree.parse(body), root.name == "ListBucketResult" else { return nil }
        let encoded = root.text(of: "EncodingType") == "url"
        func decode(_ text: String) -> String? { encoded ? URIEncoding.decode(text, plusIsSpace: true) : text }
        var page = S3ListPage()
        for entry in root.children("Contents") {
            guard let rawKey = entry.text(of: "Key"), let key = decode(rawKey) else { return nil }
            page.objects.append(S3Object(key: key, size: entry.text(of: "Size").flatMap(Int.init) ?? 0,
                etag: entry.text(of: "ETag") ?? "", lastModified: entry.text(of: "LastModified").flatMap(AWSDate.parse)))
        }
        for common in root.children("CommonPrefixes") {
            guard let raw = common.text(of: "Prefix"), let prefix = decode(raw) else { return nil }
            page.commonPrefixes.append(prefix)
        }
        page.isTruncated = root.text(of: "IsTruncated") == "true"
        page.nextContinuationToken = root.text(of: "NextContinuationToken")
        return page
    }
}
