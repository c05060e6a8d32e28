import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// HTTP over Foundation's URLSession (libcurl on Linux): connection reuse, TLS, no redirects followed
/// (AWS redirects must be re-signed), no cookies and no cache.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession

    /// `maxConnectionsPerHost` bounds the connections kept to one host; size it to the requests in flight.
    public init(maxConnectionsPerHost: Int = 16) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = maxConnectionsPerHost
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
    }

    deinit { session.finishTasksAndInvalidate() }

    public func send(_ request: HTTPRequest) async throws(HTTPTransportError) -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = request.timeout
        for header in request.headers { urlRequest.addValue(header.value, forHTTPHeaderField: header.name) }
        if !request.body.isEmpty { urlRequest.httpBody = request.body }
        let data: Data
        let response: URLResponse
        do {
            // A completion handler, not `data(for:)`: cancelling the async form races its completion inside
            // FoundationNetworking on Linux and can deadlock (seen with a part's read-ahead dropped when the
            // consumer stops early). A request in flight ends on its own, within its timeout.
            (data, response) = try await withCheckedThrowingContinuation { continuation in
                session.dataTask(with: urlRequest) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let response {
                        continuation.resume(returning: (data ?? Data(), response))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }.resume()
            }
        } catch {
            throw URLSessionTransport.transportError(error, url: request.url)
        }
        guard let http = response as? HTTPURLResponse else {
            throw .connectionFailed(url: request.url.absoluteString, reason: "not an HTTP response")
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: data)
    }

    static func transportError(_ error: any Error, url: URL) -> HTTPTransportError {
        let text = url.absoluteString
        guard let urlError = error as? URLError else {
            return .connectionFailed(url: text, reason: String(describing: error))
        }
        switch urlError.code {
        case .timedOut: return .timedOut(url: text)
        case .cancelled: return .cancelled(url: text)
        default:
            let reason = (urlError.userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription
                ?? urlError.localizedDescription
            return .connectionFailed(url: text, reason: reason.lowercased())
        }
    }
}

/// Declines every redirect so that the caller sees the 3xx and can re-sign for the new endpoint.
private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void)
    {
        completionHandler(nil)
    }
}
