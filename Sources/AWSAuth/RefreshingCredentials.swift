import AWSCore
import Foundation

/// Caches a provider's credentials and fetches new ones before they expire; concurrent callers share one
/// fetch. If a refresh fails while the cached credentials are still valid, they go on being used.
public actor RefreshingCredentials: CredentialProvider {
    private let provider: any CredentialProvider
    /// Credentials this close to their expiry are refreshed.
    private let margin: TimeInterval
    private let now: @Sendable () -> Date
    private var cached: AWSCredentials?
    private var inFlight: Task<Result<AWSCredentials, CredentialError>, Never>?
    /// How many times the provider was asked (tests check refreshes with it).
    public private(set) var fetches = 0

    public init(_ provider: any CredentialProvider, margin: TimeInterval = 300, now: @escaping @Sendable () -> Date = Date.init) {
        self.provider = provider
        self.margin = margin
        self.now = now
    }

    public func credentials() async throws(CredentialError) -> AWSCredentials {
        let time = now()
        if let cached, !cached.needsRefresh(at: time, margin: margin) { return cached }
        let task: Task<Result<AWSCredentials, CredentialError>, Never>
        if let inFlight {
            task = inFlight
        } else {
            fetches += 1
            let provider = self.provider
            task = Task {
                do throws(CredentialError) { return .success(try await provider.credentials()) } catch { return .failure(error) }
            }
            inFlight = task
        }
        let result = await task.value
        if inFlight == task { inFlight = nil }
        switch result {
        case .success(let fresh):
            cached = fresh
            return fresh
        case .failure(let error):
            if let cached, let expiration = cached.expiration, expiration > now() { return cached }
            throw error
        }
    }
}

extension CredentialChain {
    /// The chosen source's provider, cached and refreshed before expiry.
    public func refreshingProvider(transport: any HTTPTransport) throws(CredentialError) -> RefreshingCredentials {
        RefreshingCredentials(try provider(transport: transport))
    }
}
