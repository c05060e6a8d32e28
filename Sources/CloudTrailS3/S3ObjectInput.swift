import Foundation
import S3Access
import TrailReader

/// An S3 object as an input of the local readers (`LogFile.source`): its bytes stream from ranged GETs to
/// the reading thread as it asks for them, so they are decompressed as they arrive, with no temporary copy.
struct S3ObjectInput: LogByteSource {
    var client: S3Client
    var object: S3LogObject

    /// The listed size (none for an object named without a listing, whose size is 0).
    var expectedSize: Int? { object.size > 0 ? object.size : nil }

    /// Starts the GETs and waits for the first part, so that a 403 or a missing key is a failure to open.
    func open() throws(LogByteSourceError) -> any LogByteStream {
        let stream = S3ObjectStream(client: client, location: object.location)
        do throws(S3Error) {
            try stream.start()
        } catch {
            stream.close()
            throw LogByteSourceError(error.reason)
        }
        return stream
    }
}

/// The bytes of one object for one reading thread, part after part (`BlockingPartPipe`): one part is
/// being read here and the next is fetched meanwhile, whatever the object's size.
final class S3ObjectStream: LogByteStream, @unchecked Sendable {
    private let pipe = BlockingPartPipe()
    private var part = Data()
    private var offset = 0
    private var ended = false

    init(client: S3Client, location: S3Location) {
        let pipe = self.pipe
        Task.detached {
            let result: Result<S3ObjectRead, S3Error>
            do throws(S3Error) {
                result = .success(try await client.getObject(location) { part in try await pipe.hand(part) })
            } catch {
                result = .failure(error)
            }
            pipe.finish(result)
        }
    }

    /// Waits for the first part (or the end of an empty object).
    func start() throws(S3Error) {
        try advance()
    }

    private func advance() throws(S3Error) {
        guard let next = try pipe.next() else {
            ended = true
            part = Data()
            offset = 0
            return
        }
        part = next
        offset = 0
    }

    /// Hands every part to `consume` on this thread instead, and returns what the read found.
    func drain(_ consume: (UnsafeRawBufferPointer) throws -> Void) throws(S3Error) -> S3ObjectRead {
        ended = true
        return try pipe.drain(consume)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(LogByteSourceError) -> Int {
        while offset == part.count {
            if ended { return 0 }
            do throws(S3Error) {
                try advance()
            } catch {
                ended = true
                throw LogByteSourceError(error.reason)
            }
        }
        let count = min(buffer.count, part.count - offset)
        guard count > 0, let start = buffer.baseAddress else { return 0 }
        part.withUnsafeBytes { bytes in
            if let source = bytes.baseAddress { start.copyMemory(from: source + offset, byteCount: count) }
        }
        offset += count
        return count
    }

    func close() {
        guard !ended else { return }
        ended = true
        part = Data()
        pipe.cancel()
    }

    deinit { close() }
}
