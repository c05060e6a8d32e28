import Foundation
import S3Access

/// Hands parts from an async reader to a blocked thread one at a time: the reader waits until the thread
/// has taken the previous part, so at most one part sits here (plus the one the reader fetches ahead).
final class BlockingPartPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var part: Data?
    private var taken = true
    private var result: Result<S3ObjectRead, S3Error>?
    private var consumerError: (any Error)?

    /// Called by the reader; returns once the thread has consumed the part (or throws its error).
    func hand(_ data: Data) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async {
                self.condition.lock()
                self.part = data
                self.taken = false
                self.condition.broadcast()
                while !self.taken && self.consumerError == nil { self.condition.wait() }
                let error = self.consumerError
                self.condition.unlock()
                if let error { continuation.resume(throwing: error) } else { continuation.resume() }
            }
        }
    }

    func finish(_ outcome: Result<S3ObjectRead, S3Error>) {
        condition.lock()
        result = outcome
        condition.broadcast()
        condition.unlock()
    }

    /// Runs on the calling thread: consumes parts until the reader finishes.
    func drain(_ consume: (UnsafeRawBufferPointer) throws -> Void) throws(S3Error) -> S3ObjectRead {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let data = part, !taken {
                part = nil
                condition.unlock()
                var failure: (any Error)?
                do { try data.withUnsafeBytes { try consume($0) } } catch { failure = error }
                condition.lock()
                taken = true
                consumerError = failure
                condition.broadcast()
                continue
            }
            if let result { return try result.get() }
            condition.wait()
        }
    }
}
