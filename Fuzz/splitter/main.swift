/// libFuzzer's entry for the record splitter; `RecordSplitterFuzzing` (in the TrailReader tests) says what it checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let violations = RecordSplitterFuzzing.check(UnsafeRawBufferPointer(start: data, count: size))
    // A broken invariant is a crash, so that libFuzzer keeps the input.
    if !violations.isEmpty { fatalError("broken invariant:\n" + violations.joined(separator: "\n")) }
    return 0
}
