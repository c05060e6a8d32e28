#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's entry for the log file reader (gunzip, chunks, records, selection); `LogFileReaderFuzzing` (in the
/// TrailReader tests) says what it checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let report = LogFileReaderFuzzing.check(UnsafeRawBufferPointer(start: data, count: size))
    // A broken invariant is a crash, so that libFuzzer keeps the input; a known bug too with FUZZ_KNOWN_ISSUES=1.
    var broken = report.violations
    if getenv("FUZZ_KNOWN_ISSUES") != nil { broken += report.knownIssues.map { "known issue: " + $0 } }
    if !broken.isEmpty { fatalError("broken invariant:\n" + broken.joined(separator: "\n")) }
    return 0
}
