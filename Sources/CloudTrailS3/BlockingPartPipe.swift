import Foundation
import S3Access

/// Hands parts from an async reader to a blocked thread one at a time: the reader waits until the thread
/// is done with the previous part (it asks for the next one), so at most one part sits here (plus the one
/// the reader fetches ahead).
final class BlockingPartPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var part: Data?
    /// Whether the part last handed over is done with (the reader may hand the next).
    private var taken = true
    /// Whether the thread holds a part it has not finished with.
    private var holding = false
    private var result: Result<S3ObjectRead, S3Error>?
    private var consumerError: (any Error)?

    /// The reader gave up because the thread did.
    struct Cancelled: Error, CustomStringConvertible {
        var description: String { "the reader stopped before the end" }
    }

    /// Called by the reader; returns once the thread is done with the part (or throws why it gave up).
    func hand(_ data: Data) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async {
                self.condition.lock()
                if self.consumerError == nil {
                    self.part = data
                    self.taken = false
                    self.condition.broadcast()
                }
                while !self.taken && self.consumerError == nil { self.condition.wait() }
                let error = self.consumerError
                if error != nil { self.part = nil }
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

    /// Runs on the reading thread: the next part, once the previous one is done with; nil at the end. Throws the
    /// read's error.
    func next() throws(S3Error) -> Data? {
        condition.lock()
        defer { condition.unlock() }
        if holding {
            holding = false
            taken = true
            condition.broadcast()
        }
        while true {
            if !taken, let data = part {
                part = nil
                holding = true
                return data
            }
            if let result {
                _ = try result.get()
                return nil
            }
            condition.wait()
        }
    }

    /// Runs on the reading thread: stops taking parts, so the reader's next `hand` throws `error`.
    func cancel(_ error: any Error = Cancelled()) {
        condition.lock()
        consumerError = error
        part = nil
        holding = false
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the reader to end (after `cancel`) and returns its outcome.
    func outcome() throws(S3Error) -> S3ObjectRead {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let result { return try result.get() }
            condition.wait()
        }
    }

    /// Runs on the calling thread: consumes parts until the reader finishes.
    func drain(_ consume: (UnsafeRawBufferPointer) throws -> Void) throws(S3Error) -> S3ObjectRead {
        while let data = try next() {
            do {
                try data.withUnsafeBytes { try consume($0) }
            } catch {
                cancel(error)
                return try outcome()
            }
        }
        return try outcome()
    }
}
