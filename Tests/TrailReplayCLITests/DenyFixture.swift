import CZlib
import Foundation

/// A small organization to replay against: one account whose user `alice` has an inline policy that
/// allows everything but denies `iam:DeleteRole` (statement `DenyDeleteRole`), and log files of her denied calls.
enum DenyFixture {
    static let account = "222233334444"

    /// A fresh temporary directory; the caller removes it.
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "trailreplay-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes the snapshot; `denySid` names the denying statement (tests change it to see a reload).
    static func writeSnapshot(at directory: String, denySid: String = "DenyDeleteRole") throws {
        let folder = directory + "/accounts/" + account
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let details = """
            {"UserDetailList":[{"UserName":"alice","UserId":"AIDAWORKLOADALICE0001",
            "Arn":"arn:aws:iam::\(account):user/alice","Path":"/","UserPolicyList":[{"PolicyName":"guardrails",
            "PolicyDocument":{"Version":"2012-10-17","Statement":[
            {"Sid":"AllowAll","Effect":"Allow","Action":"*","Resource":"*"},
            {"Sid":"\(denySid)","Effect":"Deny","Action":"iam:DeleteRole","Resource":"*"}]}}],
            "AttachedManagedPolicies":[],"GroupList":[]}],"GroupDetailList":[],"RoleDetailList":[],"Policies":[]}
            """
        try details.write(toFile: folder + "/authorization-details.json", atomically: true, encoding: .utf8)
    }

    /// One denied `iam:DeleteRole` call by alice.
    static func record(_ eventID: String, time: String = "2026-11-28T10:00:00Z") -> String {
        """
        {"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDAWORKLOADALICE0001",\
        "arn":"arn:aws:iam::\(account):user/alice","accountId":"\(account)","accessKeyId":"AKIAWORKLOADALICE001",\
        "userName":"alice"},"eventTime":"\(time)","eventSource":"iam.amazonaws.com","eventName":"DeleteRole",\
        "awsRegion":"us-east-1","errorCode":"AccessDenied","errorMessage":"User: arn:aws:iam::\(account):user/alice \
        is not authorized to perform: iam:DeleteRole on resource: role prod-app with an explicit deny in an \
        identity-based policy","requestParameters":{"roleName":"prod-app"},"eventID":"\(eventID)",\
        "eventType":"AwsApiCall","recipientAccountId":"\(account)"}
        """
    }

    /// A gzipped CloudTrail log file holding `eventIDs`' records.
    static func logFile(_ eventIDs: [String]) -> [UInt8] {
        gzip(Array(("{\"Records\":[" + eventIDs.map { record($0) }.joined(separator: ",") + "]}").utf8))
    }

    /// One gzip member, as CloudTrail writes it.
    static func gzip(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 64)
        var source = input
        let produced = source.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                _ = deflate(&stream, Z_FINISH)
                return outBuffer.count - Int(stream.avail_out)
            }
        }
        return Array(output.prefix(produced))
    }

    /// Writes bytes to a file at once.
    static func write(_ bytes: [UInt8], to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    /// Waits (up to `timeout` seconds, checking every tenth of a second) until `condition` holds.
    static func waitFor(_ timeout: Double = 60, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try condition()
    }
}
