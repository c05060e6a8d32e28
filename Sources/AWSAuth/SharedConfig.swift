import Foundation

/// The shared `credentials` and `config` files, read once; missing files are empty.
///
/// In `credentials` a profile is `[name]`; in `config` it is `[profile name]`, except the default profile,
/// which is `[default]` (a plain `[name]` there is not a profile).
/// https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html
public struct SharedConfig: Sendable {
    public var credentialsPath: String
    public var configPath: String
    public var credentials: INIFile?
    public var config: INIFile?

    public init(credentialsPath: String, configPath: String, credentials: INIFile?, config: INIFile?) {
        self.credentialsPath = credentialsPath
        self.configPath = configPath
        self.credentials = credentials
        self.config = config
    }

    /// Reads both files named by the environment; a file that exists but cannot be parsed is an error
    /// naming it and the line.
    public static func load(_ environment: AWSEnvironment) throws(CredentialError) -> SharedConfig {
        let credentialsPath = environment.credentialsFilePath
        let configPath = environment.configFilePath
        return SharedConfig(credentialsPath: credentialsPath, configPath: configPath,
            credentials: try read(credentialsPath), config: try read(configPath))
    }

    static func read(_ path: String) throws(CredentialError) -> INIFile? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try INIFile(parsing: String(decoding: data, as: UTF8.self))
        } catch {
            throw CredentialError(source: "shared file `\(path)`", message: error.description)
        }
    }

    /// The profile's section in the credentials file.
    public func credentialsSection(_ profile: String) -> INIFile.Section? { credentials?.section(profile) }

    /// The profile's section in the config file.
    public func configSection(_ profile: String) -> INIFile.Section? {
        guard let config else { return nil }
        if profile == "default" { return config.section("default") ?? config.section("profile default") }
        return config.section("profile \(profile)")
    }

    /// A setting of the profile in the config file.
    public func configValue(_ key: String, profile: String) -> String? {
        guard let value = configSection(profile)?.properties[key], !value.isEmpty else { return nil }
        return value
    }

    /// Whether either file has the profile.
    public func hasProfile(_ profile: String) -> Bool {
        credentialsSection(profile) != nil || configSection(profile) != nil
    }
}
