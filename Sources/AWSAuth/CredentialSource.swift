import Foundation

/// The one place credentials will come from, chosen by `CredentialChain`.
public enum CredentialSource: Sendable, Equatable, CustomStringConvertible {
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
    case environment(AWSCredentials)
    /// `sts:AssumeRoleWithWebIdentity` with a token file.
    case webIdentity(WebIdentitySettings)
    /// Keys in the profile's section of the credentials or config file.
    case sharedFile(profile: String, path: String, AWSCredentials)
    /// The profile's `credential_process`.
    case credentialProcess(profile: String, command: String)
    /// The ECS/EKS container credentials endpoint.
    case container(ContainerSettings)
    /// The EC2 instance metadata service (IMDSv2).
    case instanceMetadata(InstanceMetadataSettings)

    public var description: String {
        switch self {
        case .environment: return "environment variables"
        case .webIdentity(let settings): return "web identity (\(settings.origin))"
        case .sharedFile(let profile, let path, _): return "profile `\(profile)` in `\(path)`"
        case .credentialProcess(let profile, _): return "profile `\(profile)` credential_process"
        case .container(let settings): return "container endpoint `\(settings.url.absoluteString)`"
        case .instanceMetadata(let settings): return "instance metadata `\(settings.endpoint.absoluteString)`"
        }
    }
}

/// What web identity federation needs.
public struct WebIdentitySettings: Sendable, Equatable {
    public var roleArn: String
    public var tokenFile: String
    public var sessionName: String
    /// The STS endpoint (no trailing slash).
    public var stsEndpoint: URL
    /// Where the settings were found, e.g. `AWS_WEB_IDENTITY_TOKEN_FILE` or `profile `ci``.
    public var origin: String

    public init(roleArn: String, tokenFile: String, sessionName: String, stsEndpoint: URL, origin: String) {
        self.roleArn = roleArn
        self.tokenFile = tokenFile
        self.sessionName = sessionName
        self.stsEndpoint = stsEndpoint
        self.origin = origin
    }
}

/// What the container credentials endpoint needs.
public struct ContainerSettings: Sendable, Equatable {
    public var url: URL
    /// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`, read at each request since the token rotates.
    public var authorizationTokenFile: String?
    /// `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
    public var authorizationToken: String?
    public var timeout: TimeInterval

    public init(url: URL, authorizationTokenFile: String? = nil, authorizationToken: String? = nil, timeout: TimeInterval = 1) {
        self.url = url
        self.authorizationTokenFile = authorizationTokenFile
        self.authorizationToken = authorizationToken
        self.timeout = timeout
    }
}

/// What the instance metadata service needs.
public struct InstanceMetadataSettings: Sendable, Equatable {
    public var endpoint: URL
    /// Per request; short so that a machine outside EC2 does not wait.
    public var timeout: TimeInterval
    public var attempts: Int

    public init(endpoint: URL, timeout: TimeInterval = 1, attempts: Int = 1) {
        self.endpoint = endpoint
        self.timeout = timeout
        self.attempts = attempts
    }
}
