import Foundation

/// The process environment and home directory the AWS settings are read from; a value, so tests pass
/// their own instead of changing the process's.
public struct AWSEnvironment: Sendable {
    public var variables: [String: String]
    public var homeDirectory: String

    public init(variables: [String: String], homeDirectory: String? = nil) {
        self.variables = variables
        self.homeDirectory = homeDirectory ?? variables["HOME"] ?? NSHomeDirectory()
    }

    /// This process's environment.
    public static var current: AWSEnvironment { AWSEnvironment(variables: ProcessInfo.processInfo.environment) }

    /// A variable's value; nil when unset or empty (the AWS CLI treats both alike).
    public subscript(_ name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }

    /// `AWS_PROFILE`, else `default`.
    public var profileName: String { self["AWS_PROFILE"] ?? "default" }

    /// `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`.
    public var credentialsFilePath: String { expand(self["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials") }

    /// `AWS_CONFIG_FILE`, else `~/.aws/config`.
    public var configFilePath: String { expand(self["AWS_CONFIG_FILE"] ?? "~/.aws/config") }

    /// A leading `~` is the home directory, as the AWS CLI reads these paths.
    public func expand(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        return homeDirectory + path.dropFirst()
    }

    /// Whether a boolean setting is `true` (case-insensitive).
    func isTrue(_ name: String) -> Bool { self[name]?.lowercased() == "true" }
}

extension AWSEnvironment {
    /// `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the profile's `region` in the config file.
    /// https://docs.aws.amazon.com/sdkref/latest/guide/feature-region.html
    public func region(shared: SharedConfig?) -> String? {
        self["AWS_REGION"] ?? self["AWS_DEFAULT_REGION"] ?? shared?.configValue("region", profile: profileName)
    }

    /// The DNS suffix of a region's endpoints: `amazonaws.com.cn` in China, else `amazonaws.com`.
    public static func dnsSuffix(region: String) -> String {
        region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
    }
}
