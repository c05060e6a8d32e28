import AWSAuth
import AWSCore
import Foundation
import MotoSupport
import Testing

/// Each credential source against a real process or a local server on 127.0.0.1.
@Suite struct CredentialSourceTests {
    static let later = AWSDate.format(Date().addingTimeInterval(3600))

    static func document(_ id: String, expiration: String = later, tokenKey: String = "Token") -> String {
        """
        {"Code": "Success", "AccessKeyId": "\(id)", "SecretAccessKey": "secret-\(id)", "\(tokenKey)": "token-\(id)", "Expiration": "\(expiration)"}
        """
    }

    // MARK: credential_process
    // https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sourcing-external.html

    @Test func credentialProcessOutputIsRead() async throws {
        let folder = ScratchFolder()
        let script = folder.write("creds.sh", """
            #!/bin/sh
            echo run >> "$1"
            printf '%s' '{"Version": 1, "AccessKeyId": "ASIAPROC", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2030-01-02T03:04:05Z"}'
            """, executable: true)
        let provider = CredentialProcessProvider(profile: "p", command: "\(script) '\(folder.path)/runs log'")
        let keys = try await provider.credentials()
        #expect(keys.accessKeyId == "ASIAPROC")
        #expect(keys.sessionToken == "t")
        #expect(keys.expiration == AWSDate.parse("2030-01-02T03:04:05Z"))
        #expect(FileManager.default.contents(atPath: folder.path + "/runs log").map { String(decoding: $0, as: UTF8.self) } == "run\n")
    }

    @Test func credentialProcessFailuresNameTheProfile() async throws {
        let folder = ScratchFolder()
        let failing = folder.write("fail.sh", "#!/bin/sh\necho 'sso session expired' >&2\nexit 3\n", executable: true)
        await #expect(throws: CredentialError(source: "profile `p` credential_process",
            message: "`\(failing)` exited with status 3: sso session expired")) {
            try await CredentialProcessProvider(profile: "p", command: failing).credentials()
        }
        let version = folder.write("v2.sh", "#!/bin/sh\necho '{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\"}'\n", executable: true)
        await #expect(throws: CredentialError(source: "profile `p` credential_process", message: "the output's Version is not 1")) {
            try await CredentialProcessProvider(profile: "p", command: version).credentials()
        }
        let garbage = folder.write("garbage.sh", "#!/bin/sh\necho 'not json'\n", executable: true)
        await #expect(throws: CredentialError.self) { try await CredentialProcessProvider(profile: "p", command: garbage).credentials() }
        await #expect(throws: CredentialError.self) {
            try await CredentialProcessProvider(profile: "p", command: folder.path + "/missing-program").credentials()
        }
        await #expect(throws: CredentialError(source: "profile `p` credential_process", message: "cannot split `a 'b` into words")) {
            try await CredentialProcessProvider(profile: "p", command: "a 'b").credentials()
        }
    }

    /// Credentials that expire are fetched again before their expiry; long-lived ones are kept.
    @Test func expiringCredentialsAreRefreshed() async throws {
        let folder = ScratchFolder()
        let soon = AWSDate.format(Date().addingTimeInterval(120))
        let script = folder.write("soon.sh", """
            #!/bin/sh
            echo run >> "\(folder.path)/runs"
            n=$(wc -l < "\(folder.path)/runs" | tr -d ' ')
            printf '{"Version": 1, "AccessKeyId": "ASIA%s", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "%s"}' "$n" "$1"
            """, executable: true)
        let short = RefreshingCredentials(CredentialProcessProvider(profile: "p", command: "\(script) \(soon)"), margin: 300)
        #expect(try await short.credentials().accessKeyId == "ASIA1")
        #expect(try await short.credentials().accessKeyId == "ASIA2")
        #expect(await short.fetches == 2)
        let long = RefreshingCredentials(CredentialProcessProvider(profile: "p", command: "\(script) \(Self.later)"), margin: 300)
        _ = try await long.credentials()
        _ = try await long.credentials()
        #expect(await long.fetches == 1)
    }

    // MARK: web identity against moto's STS
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html

    @Test(.enabled(if: MotoServer.hasMoto, "needs python3 with moto and boto3 (pip install moto boto3)"))
    func webIdentityAgainstMotoSTS() async throws {
        let server = try MotoServer()
        defer { server.stop() }
        let folder = ScratchFolder()
        let token = folder.write("token", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln\n")
        let env = AWSEnvironment(variables: ["AWS_WEB_IDENTITY_TOKEN_FILE": token, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/ci",
            "AWS_ROLE_SESSION_NAME": "trailreplay-test", "AWS_ENDPOINT_URL_STS": server.endpoint], homeDirectory: folder.path)
        let chain = try CredentialChain(environment: env)
        let keys = try await chain.provider(transport: URLSessionTransport()).credentials()
        #expect(keys.accessKeyId.hasPrefix("ASIA"))
        #expect(!keys.secretAccessKey.isEmpty)
        #expect(keys.sessionToken?.isEmpty == false)
        #expect((keys.expiration ?? .distantPast) > Date())
    }

    @Test func webIdentityErrorsNameTheSource() async throws {
        let settings = WebIdentitySettings(roleArn: "arn:aws:iam::1:role/r", tokenFile: "/nonexistent/token", sessionName: "s",
            stsEndpoint: URL(string: "http://127.0.0.1:9")!, origin: "AWS_WEB_IDENTITY_TOKEN_FILE")
        await #expect(throws: CredentialError(source: "web identity (AWS_WEB_IDENTITY_TOKEN_FILE)",
            message: "cannot read token file `/nonexistent/token`")) {
            try await WebIdentityProvider(settings: settings, transport: URLSessionTransport()).credentials()
        }
    }

    // MARK: container endpoint
    // https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html

    @Test(.enabled(if: FakeAWSServer.isAvailable, "needs python3"))
    func containerEndpointWithTokenFile() async throws {
        let server = try FakeAWSServer("ecs", ["--creds", Self.document("ASIAECS"), "--token", "secret-token"])
        defer { server.stop() }
        let folder = ScratchFolder()
        let tokenFile = folder.write("token", "secret-token\n")
        let env = AWSEnvironment(variables: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/task-1",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile], homeDirectory: folder.path)
        let chain = CredentialChain(environment: env, shared: try SharedConfig.load(env), containerHost: server.endpoint)
        let keys = try await chain.provider(transport: URLSessionTransport()).credentials()
        #expect(keys == AWSCredentials(accessKeyId: "ASIAECS", secretAccessKey: "secret-ASIAECS", sessionToken: "token-ASIAECS",
            expiration: AWSDate.parse(Self.later)))
        let log = try server.log()
        #expect(log.first?["path"] == "/v2/credentials/task-1")
        #expect(log.first?["authorization"] == "secret-token")

        let wrong = AWSEnvironment(variables: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.endpoint + "/creds",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "wrong"], homeDirectory: folder.path)
        await #expect(throws: CredentialError(source: "container endpoint `\(server.endpoint)/creds`", message: "answered HTTP 403")) {
            try await CredentialChain(environment: wrong).provider(transport: URLSessionTransport()).credentials()
        }
    }

    // MARK: instance metadata (IMDSv2)
    // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html

    @Test(.enabled(if: FakeAWSServer.isAvailable, "needs python3"))
    func instanceMetadataV2() async throws {
        let server = try FakeAWSServer("imds", ["--creds", Self.document("ASIAIMDS"), "--role", "web-server"])
        defer { server.stop() }
        let folder = ScratchFolder()
        let env = AWSEnvironment(variables: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.endpoint], homeDirectory: folder.path)
        let keys = try await CredentialChain(environment: env).provider(transport: URLSessionTransport()).credentials()
        #expect(keys.accessKeyId == "ASIAIMDS")
        #expect(keys.sessionToken == "token-ASIAIMDS")
        let log = try server.log()
        #expect(log.map { "\($0["method"] ?? "") \($0["path"] ?? "")" } == [
            "PUT /latest/api/token",
            "GET /latest/meta-data/iam/security-credentials/",
            "GET /latest/meta-data/iam/security-credentials/web-server",
        ])
        #expect(log[0]["ttl"] == "21600")
        #expect(log[1]["token"] == "imds-token")
    }

    /// Off EC2 nothing answers: the chain's last source fails at once, naming the endpoint.
    @Test func instanceMetadataUnreachable() async throws {
        let port = try LocalPort.free()
        let settings = InstanceMetadataSettings(endpoint: URL(string: "http://127.0.0.1:\(port)")!, timeout: 1, attempts: 1)
        do throws(CredentialError) {
            _ = try await InstanceMetadataProvider(settings: settings, transport: URLSessionTransport()).credentials()
            Issue.record("nothing listens there")
        } catch {
            #expect(error.source == "instance metadata `http://127.0.0.1:\(port)`")
            #expect(error.message.contains("cannot reach"))
        }
    }
}

/// Refresh decisions with a fake clock and provider.
@Suite struct RefreshingCredentialsTests {
    final class Counter: CredentialProvider, @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        let lifetime: TimeInterval
        let start: Date
        init(lifetime: TimeInterval, start: Date) {
            self.lifetime = lifetime
            self.start = start
        }
        func credentials() async throws(CredentialError) -> AWSCredentials {
            let n = lock.withLock { count += 1; return count }
            try? await Task.sleep(nanoseconds: 20_000_000)
            return AWSCredentials(accessKeyId: "K\(n)", secretAccessKey: "s", expiration: start.addingTimeInterval(lifetime))
        }
    }

    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Date
        init(_ value: Date) { self.value = value }
        var now: Date { lock.withLock { value } }
        func advance(_ seconds: TimeInterval) { lock.withLock { value = value.addingTimeInterval(seconds) } }
    }

    @Test func refreshesOnlyNearExpiryAndSharesOneFetch() async throws {
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let clock = Clock(start)
        let cache = RefreshingCredentials(Counter(lifetime: 3600, start: start), margin: 300, now: { clock.now })
        async let a = cache.credentials()
        async let b = cache.credentials()
        let (first, second) = try await (a, b)
        #expect(first.accessKeyId == second.accessKeyId)
        #expect(await cache.fetches == 1)
        clock.advance(3000)
        _ = try await cache.credentials()
        #expect(await cache.fetches == 1)
        clock.advance(400)
        _ = try await cache.credentials()
        #expect(await cache.fetches == 2)
    }
}
