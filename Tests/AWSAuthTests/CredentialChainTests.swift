import AWSAuth
import Foundation
import MotoSupport
import Testing

/// Which source the chain picks, in the AWS CLI's order.
/// https://docs.aws.amazon.com/cli/latest/userguide/cli-chap-configure.html#configure-precedence
@Suite struct CredentialChainTests {
    /// An environment whose home is a scratch folder, IMDS pointed nowhere real.
    static func environment(_ folder: ScratchFolder, _ variables: [String: String] = [:]) -> AWSEnvironment {
        AWSEnvironment(variables: variables, homeDirectory: folder.path)
    }

    static let credentialsFile = """
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = secretdefault

        [temp]
        aws_access_key_id = ASIATEMP
        aws_secret_access_key = secrettemp
        aws_session_token = tokentemp
        """

    @Test func environmentVariablesComeFirst() throws {
        let folder = ScratchFolder()
        folder.write(".aws/credentials", Self.credentialsFile)
        let env = Self.environment(folder, ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s", "AWS_SESSION_TOKEN": "t",
            "AWS_PROFILE": "temp"])
        let source = try CredentialChain(environment: env).resolve()
        #expect(source == .environment(AWSCredentials(accessKeyId: "AKIDENV", secretAccessKey: "s", sessionToken: "t")))
    }

    @Test func halfAKeyPairInTheEnvironmentIsAnError() throws {
        let folder = ScratchFolder()
        let chain = try CredentialChain(environment: Self.environment(folder, ["AWS_ACCESS_KEY_ID": "AKID"]))
        #expect(throws: CredentialError(source: "environment variables", message: "AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY")) {
            try chain.resolve()
        }
    }

    @Test func profileFromTheCredentialsFileWithItsToken() throws {
        let folder = ScratchFolder()
        let path = folder.write(".aws/credentials", Self.credentialsFile)
        let source = try CredentialChain(environment: Self.environment(folder, ["AWS_PROFILE": "temp"])).resolve()
        #expect(source == .sharedFile(profile: "temp", path: path,
            AWSCredentials(accessKeyId: "ASIATEMP", secretAccessKey: "secrettemp", sessionToken: "tokentemp")))
        #expect(source.description == "profile `temp` in `\(path)`")
    }

    @Test func sharedFileLocationsComeFromTheEnvironment() throws {
        let folder = ScratchFolder()
        let credentials = folder.write("elsewhere/creds", "[default]\naws_access_key_id = AKIDX\naws_secret_access_key = sx\n")
        let config = folder.write("elsewhere/conf", "[default]\nregion = ap-south-1\n")
        let env = Self.environment(folder, ["AWS_SHARED_CREDENTIALS_FILE": credentials, "AWS_CONFIG_FILE": config])
        let chain = try CredentialChain(environment: env)
        #expect(try chain.resolve() == .sharedFile(profile: "default", path: credentials,
            AWSCredentials(accessKeyId: "AKIDX", secretAccessKey: "sx")))
        #expect(env.region(shared: chain.shared) == "ap-south-1")
    }

    /// In the config file a named profile is `[profile name]`; a bare `[name]` there is not one.
    @Test func configFileProfilesNeedTheProfilePrefix() throws {
        let folder = ScratchFolder()
        let config = folder.write(".aws/config", """
            [dev]
            aws_access_key_id = AKIDWRONG
            aws_secret_access_key = wrong
            [profile dev]
            aws_access_key_id = AKIDDEV
            aws_secret_access_key = secretdev
            region = us-west-2
            """)
        let env = Self.environment(folder, ["AWS_PROFILE": "dev"])
        let chain = try CredentialChain(environment: env)
        #expect(try chain.resolve() == .sharedFile(profile: "dev", path: config, AWSCredentials(accessKeyId: "AKIDDEV", secretAccessKey: "secretdev")))
        #expect(env.region(shared: chain.shared) == "us-west-2")
        #expect(AWSEnvironment(variables: ["AWS_REGION": "eu-north-1", "AWS_DEFAULT_REGION": "x", "AWS_PROFILE": "dev"],
            homeDirectory: folder.path).region(shared: chain.shared) == "eu-north-1")
    }

    /// The credentials file's keys win over the profile's credential_process, which wins over keys in the config file.
    @Test func credentialsFileThenProcessThenConfigFile() throws {
        let folder = ScratchFolder()
        folder.write(".aws/config", """
            [profile p]
            credential_process = /bin/echo '{"Version": 1}'
            aws_access_key_id = AKIDCONFIG
            aws_secret_access_key = secretconfig
            """)
        let env = Self.environment(folder, ["AWS_PROFILE": "p"])
        #expect(try CredentialChain(environment: env).resolve() == .credentialProcess(profile: "p", command: "/bin/echo '{\"Version\": 1}'"))
        folder.write(".aws/credentials", "[p]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = secretcreds\n")
        guard case .sharedFile(_, _, let keys) = try CredentialChain(environment: env).resolve() else {
            Issue.record("expected the credentials file")
            return
        }
        #expect(keys.accessKeyId == "AKIDCREDS")
    }

    /// Web identity comes before the shared files, as in the CLI.
    @Test func webIdentityBeforeSharedFiles() throws {
        let folder = ScratchFolder()
        folder.write(".aws/credentials", Self.credentialsFile)
        let token = folder.write("token", "eyJ...")
        let env = Self.environment(folder, ["AWS_WEB_IDENTITY_TOKEN_FILE": token, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/ci",
            "AWS_ROLE_SESSION_NAME": "run-1", "AWS_REGION": "eu-west-1"])
        guard case .webIdentity(let settings) = try CredentialChain(environment: env).resolve() else {
            Issue.record("expected web identity")
            return
        }
        #expect(settings.roleArn == "arn:aws:iam::123456789012:role/ci")
        #expect(settings.sessionName == "run-1")
        #expect(settings.tokenFile == token)
        #expect(settings.stsEndpoint.absoluteString == "https://sts.eu-west-1.amazonaws.com")
    }

    @Test func webIdentityWithoutARoleIsAnError() throws {
        let folder = ScratchFolder()
        let env = Self.environment(folder, ["AWS_WEB_IDENTITY_TOKEN_FILE": "/tmp/t"])
        #expect(throws: CredentialError.self) { try CredentialChain(environment: env).resolve() }
    }

    @Test func profileWebIdentityAndItsEndpoint() throws {
        let folder = ScratchFolder()
        folder.write(".aws/config", "[profile ci]\nweb_identity_token_file = ~/tok\nrole_arn = arn:aws:iam::1:role/r\n")
        let env = Self.environment(folder, ["AWS_PROFILE": "ci", "AWS_ENDPOINT_URL_STS": "http://127.0.0.1:9"])
        guard case .webIdentity(let settings) = try CredentialChain(environment: env).resolve() else {
            Issue.record("expected web identity")
            return
        }
        #expect(settings.tokenFile == folder.path + "/tok")
        #expect(settings.stsEndpoint.absoluteString == "http://127.0.0.1:9")
        #expect(settings.origin == "profile `ci`")
    }

    @Test func unsupportedProfilesSaySo() throws {
        let folder = ScratchFolder()
        folder.write(".aws/config", "[profile admin]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = default\n[profile sso]\nsso_session = corp\n")
        for profile in ["admin", "sso"] {
            do throws(CredentialError) {
                _ = try CredentialChain(environment: Self.environment(folder, ["AWS_PROFILE": profile])).resolve()
                Issue.record("`\(profile)` should fail")
            } catch {
                #expect(error.source == "profile `\(profile)`")
                #expect(error.message.contains("export-credentials"))
            }
        }
    }

    @Test func aMissingNamedProfileIsAnError() throws {
        let folder = ScratchFolder()
        folder.write(".aws/credentials", Self.credentialsFile)
        #expect(throws: CredentialError.self) {
            try CredentialChain(environment: Self.environment(folder, ["AWS_PROFILE": "nope"])).resolve()
        }
    }

    @Test func containerEndpointBeforeInstanceMetadata() throws {
        let folder = ScratchFolder()
        let relative = CredentialChain(environment: Self.environment(folder, ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"]),
            shared: try SharedConfig.load(Self.environment(folder)))
        guard case .container(let settings) = try relative.resolve() else {
            Issue.record("expected the container endpoint")
            return
        }
        #expect(settings.url.absoluteString == "http://169.254.170.2/v2/credentials/abc")
        let full = try CredentialChain(environment: Self.environment(folder, ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:8080/creds",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "tok"]))
        guard case .container(let fullSettings) = try full.resolve() else {
            Issue.record("expected the container endpoint")
            return
        }
        #expect(fullSettings.authorizationToken == "tok")
        #expect(fullSettings.url.absoluteString == "http://127.0.0.1:8080/creds")
    }

    /// Plain HTTP is only for loopback and the container agents' addresses.
    /// https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html
    @Test func containerFullURIOverPlainHTTPToAnyHostIsRefused() throws {
        let folder = ScratchFolder()
        let chain = try CredentialChain(environment: Self.environment(folder, ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://example.com/creds"]))
        #expect(throws: CredentialError.self) { try chain.resolve() }
    }

    @Test func instanceMetadataLastUnlessDisabled() throws {
        let folder = ScratchFolder()
        let chain = try CredentialChain(environment: Self.environment(folder, ["AWS_METADATA_SERVICE_TIMEOUT": "2",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:9/"]))
        #expect(try chain.resolve() == .instanceMetadata(InstanceMetadataSettings(endpoint: URL(string: "http://127.0.0.1:9")!, timeout: 2, attempts: 1)))
        let defaults = try CredentialChain(environment: Self.environment(folder))
        guard case .instanceMetadata(let settings) = try defaults.resolve() else {
            Issue.record("expected instance metadata")
            return
        }
        #expect(settings.endpoint.absoluteString == "http://169.254.169.254")
        #expect(settings.timeout == 1)
        let disabled = try CredentialChain(environment: Self.environment(folder, ["AWS_EC2_METADATA_DISABLED": "true"]))
        do throws(CredentialError) {
            _ = try disabled.resolve()
            Issue.record("no source should be found")
        } catch {
            #expect(error.message.contains("AWS_EC2_METADATA_DISABLED"))
        }
    }

    @Test func aBrokenSharedFileNamesItsLine() throws {
        let folder = ScratchFolder()
        let path = folder.write(".aws/config", "[default]\nregion\n")
        #expect(throws: CredentialError(source: "shared file `\(path)`", message: "line 2: expected `key = value`")) {
            try CredentialChain(environment: Self.environment(folder))
        }
    }

    @Test func credentialsNeverPrintTheSecret() {
        let keys = AWSCredentials(accessKeyId: "AKID", secretAccessKey: "SECRET", sessionToken: "TOKEN")
        #expect(!keys.description.contains("SECRET"))
        #expect(!keys.description.contains("TOKEN"))
    }
}
