import AWSCore
import Foundation

/// Chooses the credential source in the AWS CLI's order: environment variables, web identity, the
/// profile's keys in the credentials file, its `credential_process`, its keys in the config file, the
/// container endpoint, then EC2 instance metadata.
/// https://docs.aws.amazon.com/cli/latest/userguide/cli-chap-configure.html#configure-precedence
///
/// The decision is pure (environment and files in, source out); the first source that is configured is
/// the one used, and if it then fails the error names it, as the CLI does.
public struct CredentialChain: Sendable {
    public var environment: AWSEnvironment
    public var shared: SharedConfig
    /// The host behind `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (tests point it at a local server).
    public var containerHost: String

    public static let ecsContainerHost = "http://169.254.170.2"
    public static let instanceMetadataEndpoint = "http://169.254.169.254"

    public init(environment: AWSEnvironment, shared: SharedConfig, containerHost: String = CredentialChain.ecsContainerHost) {
        self.environment = environment
        self.shared = shared
        self.containerHost = containerHost
    }

    /// Reads the shared files the environment names.
    public init(environment: AWSEnvironment) throws(CredentialError) {
        self.init(environment: environment, shared: try SharedConfig.load(environment))
    }

    /// The source to use, or an error naming what was looked at when there is none.
    public func resolve() throws(CredentialError) -> CredentialSource {
        if let keys = try environmentKeys() { return .environment(keys) }
        let profile = environment.profileName
        if let webIdentity = try webIdentity(profile: profile) { return .webIdentity(webIdentity) }
        if let section = shared.credentialsSection(profile),
            let keys = try keys(in: section.properties, origin: "profile `\(profile)` in `\(shared.credentialsPath)`")
        {
            return .sharedFile(profile: profile, path: shared.credentialsPath, keys)
        }
        let config = shared.configSection(profile)?.properties ?? [:]
        if let command = config["credential_process"], !command.isEmpty {
            return .credentialProcess(profile: profile, command: command)
        }
        if let keys = try keys(in: config, origin: "profile `\(profile)` in `\(shared.configPath)`") {
            return .sharedFile(profile: profile, path: shared.configPath, keys)
        }
        try rejectUnsupported(profile: profile, config: config)
        if environment["AWS_PROFILE"] != nil && !shared.hasProfile(profile) {
            throw CredentialError(source: "AWS_PROFILE",
                message: "profile `\(profile)` is in neither `\(shared.credentialsPath)` nor `\(shared.configPath)`")
        }
        if let container = try container() { return .container(container) }
        if environment.isTrue("AWS_EC2_METADATA_DISABLED") {
            throw CredentialError(source: "the credential chain",
                message: "none found (looked at environment variables, web identity, profile `\(profile)`, "
                    + "the container endpoint; instance metadata is disabled by AWS_EC2_METADATA_DISABLED)")
        }
        return .instanceMetadata(instanceMetadata())
    }

    /// The provider for the chosen source.
    public func provider(transport: any HTTPTransport) throws(CredentialError) -> any CredentialProvider {
        switch try resolve() {
        case .environment(let keys), .sharedFile(_, _, let keys):
            return StaticCredentialProvider(keys)
        case .webIdentity(let settings):
            return WebIdentityProvider(settings: settings, transport: transport)
        case .credentialProcess(let profile, let command):
            return CredentialProcessProvider(profile: profile, command: command)
        case .container(let settings):
            return ContainerCredentialProvider(settings: settings, transport: transport)
        case .instanceMetadata(let settings):
            return InstanceMetadataProvider(settings: settings, transport: transport)
        }
    }

    func environmentKeys() throws(CredentialError) -> AWSCredentials? {
        let id = environment["AWS_ACCESS_KEY_ID"], secret = environment["AWS_SECRET_ACCESS_KEY"]
        switch (id, secret) {
        case (nil, nil): return nil
        case (let id?, let secret?):
            return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"])
        case (nil, _): throw CredentialError(source: "environment variables", message: "AWS_SECRET_ACCESS_KEY is set without AWS_ACCESS_KEY_ID")
        case (_, nil): throw CredentialError(source: "environment variables", message: "AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY")
        }
    }

    func keys(in properties: [String: String], origin: String) throws(CredentialError) -> AWSCredentials? {
        let id = properties["aws_access_key_id"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = properties["aws_secret_access_key"].flatMap { $0.isEmpty ? nil : $0 }
        switch (id, secret) {
        case (nil, nil): return nil
        case (let id?, let secret?):
            let token = properties["aws_session_token"].flatMap { $0.isEmpty ? nil : $0 }
            return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: token)
        default:
            throw CredentialError(source: origin, message: "has only one of aws_access_key_id and aws_secret_access_key")
        }
    }

    func webIdentity(profile: String) throws(CredentialError) -> WebIdentitySettings? {
        let config = shared.configSection(profile)?.properties ?? [:]
        let origin: String
        let roleArn: String?, tokenFile: String?, sessionName: String?
        if let file = environment["AWS_WEB_IDENTITY_TOKEN_FILE"] {
            origin = "AWS_WEB_IDENTITY_TOKEN_FILE"
            tokenFile = file
            roleArn = environment["AWS_ROLE_ARN"]
            sessionName = environment["AWS_ROLE_SESSION_NAME"]
        } else if let file = config["web_identity_token_file"], !file.isEmpty {
            origin = "profile `\(profile)`"
            tokenFile = file
            roleArn = config["role_arn"]
            sessionName = config["role_session_name"]
        } else {
            return nil
        }
        guard let roleArn, !roleArn.isEmpty, let tokenFile else {
            throw CredentialError(source: "web identity (\(origin))", message: "a token file is set without a role ARN (AWS_ROLE_ARN or role_arn)")
        }
        let name = sessionName.flatMap { $0.isEmpty ? nil : $0 } ?? "trailreplay-\(Int(Date().timeIntervalSince1970))"
        return WebIdentitySettings(roleArn: roleArn, tokenFile: environment.expand(tokenFile), sessionName: name,
            stsEndpoint: try stsEndpoint(profile: profile, origin: origin), origin: origin)
    }

    /// `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, else the regional STS endpoint (global without a region).
    func stsEndpoint(profile: String, origin: String) throws(CredentialError) -> URL {
        if let custom = environment["AWS_ENDPOINT_URL_STS"] ?? environment["AWS_ENDPOINT_URL"] {
            guard let url = URL(string: custom), url.scheme != nil, url.host != nil else {
                throw CredentialError(source: "web identity (\(origin))", message: "endpoint `\(custom)` is not a URL")
            }
            return url
        }
        let region = environment.region(shared: shared)
        let host = region.map { "sts.\($0).\(AWSEnvironment.dnsSuffix(region: $0))" } ?? "sts.amazonaws.com"
        return URL(string: "https://\(host)")!
    }

    func rejectUnsupported(profile: String, config: [String: String]) throws(CredentialError) {
        let origin = "profile `\(profile)`"
        if config["role_arn"] != nil {
            throw CredentialError(source: origin, message: "assumes a role (`role_arn`), which trailreplay does not do; "
                + "export credentials first, e.g. `aws configure export-credentials --profile \(profile) --format env`")
        }
        if config["sso_session"] != nil || config["sso_start_url"] != nil {
            throw CredentialError(source: origin, message: "uses IAM Identity Center (`sso_*`), which trailreplay does not do; "
                + "export credentials first, e.g. `aws configure export-credentials --profile \(profile) --format env`")
        }
    }

    func container() throws(CredentialError) -> ContainerSettings? {
        let text: String
        let name: String
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
            name = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"
            text = containerHost + (relative.hasPrefix("/") ? relative : "/" + relative)
        } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] {
            name = "AWS_CONTAINER_CREDENTIALS_FULL_URI"
            text = full
        } else {
            return nil
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host else {
            throw CredentialError(source: name, message: "`\(text)` is not a URL")
        }
        // Plain HTTP only to the container agents' link-local addresses or loopback, as the AWS SDKs allow.
        // https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html
        let allowedHTTPHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23", "[fd00:ec2::23]", "localhost", "::1", "[::1]"]
        if name == "AWS_CONTAINER_CREDENTIALS_FULL_URI" && scheme == "http"
            && !(allowedHTTPHosts.contains(host) || host.hasPrefix("127."))
        {
            throw CredentialError(source: name, message: "`\(text)` uses http to `\(host)`; only https, loopback or the container agent's address are allowed")
        }
        return ContainerSettings(url: url, authorizationTokenFile: environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"],
            authorizationToken: environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"],
            timeout: metadataTimeout)
    }

    func instanceMetadata() -> InstanceMetadataSettings {
        let endpoint = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? CredentialChain.instanceMetadataEndpoint
        let attempts = environment["AWS_METADATA_SERVICE_NUM_ATTEMPTS"].flatMap(Int.init) ?? 1
        let trimmed = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        return InstanceMetadataSettings(endpoint: URL(string: trimmed) ?? URL(string: CredentialChain.instanceMetadataEndpoint)!,
            timeout: metadataTimeout, attempts: max(1, min(attempts, 5)))
    }

    /// `AWS_METADATA_SERVICE_TIMEOUT` seconds, 1 by default as in the AWS CLI.
    var metadataTimeout: TimeInterval {
        environment["AWS_METADATA_SERVICE_TIMEOUT"].flatMap(TimeInterval.init).map { max(0.1, min($0, 30)) } ?? 1
    }
}
