import Foundation
import PolicyEvaluator
import Testing
import TrailJSON

/// Reports evaluations per second on the realistic-principal case; prints, never asserts on time.
@Suite struct BenchmarkTests {
    @Test func realisticPrincipalThroughput() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Benchmarks/realistic-principal.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        let simulation = try SimulationCase.parse(json: JSONParser.parse(text))
        let authorizer = Authorizer()
        let first = authorizer.evaluate(request: simulation.request, policies: simulation.policies)
        #expect(first.decision == .allow)
        let count = 2_000
        let clock = ContinuousClock()
        var same = 0
        let elapsed = clock.measure {
            for _ in 0..<count where authorizer.evaluate(request: simulation.request, policies: simulation.policies) == first {
                same += 1
            }
        }
        #expect(same == count)
        let seconds = Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)
        print("realistic principal: \(Int(Double(count) / seconds)) evaluations/second (\(count) in \(seconds) s)")
    }
}
