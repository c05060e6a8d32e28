/// Sends one request and returns the whole response: the seam tests and clients share.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws(HTTPTransportError) -> HTTPResponse
}
