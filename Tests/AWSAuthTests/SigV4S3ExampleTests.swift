import AWSAuth
import AWSCore
import Foundation
import Testing

/// The examples of "Signature Calculations for the Authorization Header: Transferring Payload in a Single
/// Chunk", with their exact expected values.
/// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
@Suite struct SigV4S3ExampleTests {
    static let credentials = AWSCredentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE",
        secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    static let signer = SigV4Signer(service: "s3", region: "us-east-1")
    static let date = AWSDate.parse("2013-05-24T00:00:00Z")!
    static let empty = SigV4Signer.emptyPayloadHash

    @Test func getObjectExample() {
        let request = SigV4Request(method: "GET", host: "examplebucket.s3.amazonaws.com", path: "/test.txt",
            headers: [("Range", "bytes=0-9"), ("x-amz-content-sha256", Self.empty)])
        let signature = Self.signer.sign(request, credentials: Self.credentials, date: Self.date)
        #expect(signature.canonicalRequest == """
            GET
            /test.txt

            host:examplebucket.s3.amazonaws.com
            range:bytes=0-9
            x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-amz-date:20130524T000000Z

            host;range;x-amz-content-sha256;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(signature.stringToSign == """
            AWS4-HMAC-SHA256
            20130524T000000Z
            20130524/us-east-1/s3/aws4_request
            7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972
            """)
        #expect(signature.signature == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(signature.authorization == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    @Test func putObjectExample() {
        let body = Data("Welcome to Amazon S3.".utf8)
        let hash = SigV4Signer.sha256Hex(body)
        #expect(hash == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        let request = SigV4Request(method: "PUT", host: "examplebucket.s3.amazonaws.com", path: "/test$file.text",
            headers: [("Date", "Fri, 24 May 2013 00:00:00 GMT"), ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
                ("x-amz-content-sha256", hash)], payloadHash: hash)
        let signature = Self.signer.sign(request, credentials: Self.credentials, date: Self.date)
        #expect(signature.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[1] == "/test%24file.text")
        #expect(signature.signature == "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
    }

    @Test func getBucketLifecycleExample() {
        let request = SigV4Request(method: "GET", host: "examplebucket.s3.amazonaws.com", path: "/",
            query: [("lifecycle", "")], headers: [("x-amz-content-sha256", Self.empty)])
        let signature = Self.signer.sign(request, credentials: Self.credentials, date: Self.date)
        #expect(signature.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[2] == "lifecycle=")
        #expect(signature.signature == "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
    }

    @Test func listObjectsExample() {
        let request = SigV4Request(method: "GET", host: "examplebucket.s3.amazonaws.com", path: "/",
            query: [("prefix", "J"), ("max-keys", "2")], headers: [("x-amz-content-sha256", Self.empty)])
        let signature = Self.signer.sign(request, credentials: Self.credentials, date: Self.date)
        #expect(signature.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[2] == "max-keys=2&prefix=J")
        #expect(signature.signature == "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
    }

    /// S3 takes keys as they are: no `.`/`..` resolution and no merging of slashes, each byte encoded once.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
    @Test func s3KeysAreNotNormalized() {
        let request = SigV4Request(method: "GET", host: "b.s3.amazonaws.com", path: "/a//b/../c d+e")
        let signature = Self.signer.sign(request, credentials: Self.credentials, date: Self.date)
        #expect(signature.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[1] == "/a//b/../c%20d%2Be")
    }

    @Test func sessionTokenIsSentAndSigned() {
        let temporary = AWSCredentials(accessKeyId: "ASIAEXAMPLE", secretAccessKey: "secret", sessionToken: "tok/en+")
        let signature = Self.signer.sign(SigV4Request(method: "GET", host: "h", path: "/"), credentials: temporary, date: Self.date)
        #expect(signature.headers.map(\.name) == ["x-amz-date", "x-amz-security-token", "Authorization"])
        #expect(signature.canonicalRequest.contains("x-amz-security-token:tok/en+\n"))
        #expect(signature.authorization.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"))
    }
}
