/// libFuzzer's entry for the policy parser and the JSON parser under it; `PolicyParserFuzzing` (in the
/// PolicyLanguage tests) says what it checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let violations = PolicyParserFuzzing.check(UnsafeRawBufferPointer(start: data, count: size))
    // A broken invariant is a crash, so that libFuzzer keeps the input.
    if !violations.isEmpty { fatalError("broken invariant:\n" + violations.joined(separator: "\n")) }
    return 0
}
