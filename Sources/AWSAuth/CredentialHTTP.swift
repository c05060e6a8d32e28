import AWSCore

/// One request of a credentials exchange with retries; any answer but 200 is a `CredentialError` naming
/// the source.
enum CredentialHTTP {
    /// `failure` describes a non-200 answer and says whether it is worth retrying (by default: 5xx and 429).
    static func send(
        _ request: HTTPRequest, transport: any HTTPTransport, retry: RetryPolicy, source: String,
        failure: (HTTPResponse) -> (message: String, transient: Bool) = CredentialHTTP.statusFailure
    ) async throws(CredentialError) -> HTTPResponse {
        do throws(Failure) {
            return try await retry.run(isTransient: { (error: Failure) in error.isTransient }) { (_: Int) async throws(Failure) -> HTTPResponse in
                let response: HTTPResponse
                do throws(HTTPTransportError) {
                    response = try await transport.send(request)
                } catch {
                    throw Failure(error: CredentialError(source: source, message: error.description), isTransient: error.isTransient)
                }
                guard response.status == 200 else {
                    let described = failure(response)
                    throw Failure(error: CredentialError(source: source, message: described.message), isTransient: described.transient)
                }
                return response
            }
        } catch {
            throw error.error
        }
    }

    static func statusFailure(_ response: HTTPResponse) -> (message: String, transient: Bool) {
        ("answered HTTP \(response.status)", response.status >= 500 || response.status == 429)
    }

    /// A failed attempt, and whether another may succeed.
    struct Failure: Error {
        var error: CredentialError
        var isTransient: Bool
    }
}
