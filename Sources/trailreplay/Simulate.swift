import ArgumentParser
import Foundation
import PolicyEvaluator
import PolicyLanguage
import Replay
import TrailJSON

struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decide one request against policy documents and explain which layer allowed or denied it.",
        discussion: """
            Give the request with flags (--action, --resource, --context KEY=VALUE, one policy per file) \
            or a case file with --input. The exit code is 0 whatever the decision, 64 for a bad value, case \
            or policy file.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: ArgumentHelp("A case file: {\"request\": …, \"identity\": […], \"scp\": [[…]], …}.", valueName: "file"))
    var input: String?

    @Option(help: ArgumentHelp("The action, `service:Action`.", valueName: "action"))
    var action: String?

    @Option(help: ArgumentHelp("The resource ARN; repeat for several.", valueName: "arn"))
    var resource: [String] = []

    @Option(help: ArgumentHelp("The caller's ARN (user, assumed-role session, root) or service principal.", valueName: "arn"))
    var principal: String?

    @Option(help: ArgumentHelp("The account that owns the resource.", valueName: "account-id"))
    var resourceAccount: String?

    @Option(help: ArgumentHelp("A request key, KEY=VALUE; repeat a key for a multivalued key.", valueName: "key=value"))
    var context: [String] = []

    @Option(help: ArgumentHelp("An identity-based policy file; repeatable.", valueName: "file"))
    var identity: [String] = []

    @Option(help: ArgumentHelp("The permissions boundary policy file.", valueName: "file"))
    var boundary: String?

    @Option(help: ArgumentHelp("A session policy file; repeatable.", valueName: "file"))
    var session: [String] = []

    @Option(help: ArgumentHelp("A service control policy file; all form one level of the hierarchy.", valueName: "file"))
    var scp: [String] = []

    @Option(help: ArgumentHelp("A resource control policy file; all form one level of the hierarchy.", valueName: "file"))
    var rcp: [String] = []

    @Option(help: ArgumentHelp("The resource-based policy file.", valueName: "file"))
    var resourcePolicy: String?

    @Option(help: ArgumentHelp("The VPC endpoint policy file.", valueName: "file"))
    var vpce: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: .hidden)
    var benchmark: Int?

    func validate() throws {
        if input == nil && action == nil { throw ValidationError("give `--action` or `--input`") }
        if input != nil {
            let flagged = action != nil || !resource.isEmpty || principal != nil || resourceAccount != nil
                || !context.isEmpty || !identity.isEmpty || boundary != nil || !session.isEmpty || !scp.isEmpty
                || !rcp.isEmpty || resourcePolicy != nil || vpce != nil
            if flagged { throw ValidationError("`--input` cannot be combined with request or policy flags") }
        }
        if let benchmark, benchmark < 1 { throw ValidationError("`--benchmark` takes a positive count") }
        _ = try simulationCase()
    }

    /// The case to evaluate; every bad value, case or policy is a usage error (the message, then this command's
    /// usage), found in `validate()`.
    func simulationCase() throws -> SimulationCase {
        do {
            return try input.map(Self.readCase) ?? caseFromFlags()
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func run() throws {
        let simulation = try simulationCase()
        // The services RCPs govern come from AWS's service reference, as for `analyze`.
        let services = ServiceReference.bundled.rcpServices
        let authorizer = Authorizer(rcpServices: services.isEmpty ? ResourceControlPolicyServices.documented : services)
        if let benchmark {
            Self.runBenchmark(authorizer: authorizer, simulation: simulation, count: benchmark)
            return
        }
        let decision = authorizer.evaluate(request: simulation.request, policies: simulation.policies)
        let fixes = FixPlanner(authorizer: authorizer).fixes(request: simulation.request, policies: simulation.policies, decision: decision)
        switch format {
        case .json:
            var json = decision.json
            if case .object(var object) = json {
                object.members.append(.init(key: "fixes", value: .array(fixes.map(\.json))))
                json = .object(object)
            }
            print(JSONWriter.string(json))
        case .text:
            print(decision.explanation)
            if !fixes.isEmpty { print("fixes:\n" + fixes.map { "  - " + $0.explanation }.joined(separator: "\n")) }
        }
    }

    static func readCase(path: String) throws -> SimulationCase {
        let json: JSONValue
        do {
            json = try JSONParser.parse(try readFile(path))
        } catch let error as JSONParseError {
            throw SimulateError("`\(path)`: invalid json at \(error.description)")
        }
        do {
            return try SimulationCase.parse(json: json)
        } catch {
            throw SimulateError("`\(path)`: \(error.description)")
        }
    }

    func caseFromFlags() throws(SimulateError) -> SimulationCase {
        guard let action, action.contains(":") else {
            throw SimulateError("`--action` must be `service:Action`, found `\(action ?? "")`")
        }
        for arn in resource where arn != "*" && ARN(arn) == nil {
            throw SimulateError("`--resource` must be an ARN (`arn:partition:service:region:account:resource`) or `*`, found `\(arn)`")
        }
        if let principal, ARN(principal) == nil && !Self.isServicePrincipal(principal) {
            throw SimulateError("`--principal` must be an ARN or a service principal (`service.amazonaws.com`), found `\(principal)`")
        }
        if let resourceAccount, resourceAccount.count != 12 || !resourceAccount.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw SimulateError("`--resource-account` must be a 12-digit account id, found `\(resourceAccount)`")
        }
        var requestContext = RequestContext()
        for pair in context {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw SimulateError("`--context` takes KEY=VALUE, found `\(pair)`")
            }
            let key = String(pair[..<equals])
            let value = String(pair[pair.index(after: equals)...])
            requestContext[key] = (requestContext[key] ?? []) + [value]
        }
        let request = Request(
            principal: principal, action: action, resources: resource, resourceAccount: resourceAccount,
            context: requestContext)
        func load(_ paths: [String]) throws(SimulateError) -> [CompiledPolicy]? {
            paths.isEmpty ? nil : try paths.map(Self.loadPolicy)
        }
        let policies = LayeredPolicies(
            identity: try load(identity),
            resource: try load(resourcePolicy.map { [$0] } ?? []),
            permissionsBoundary: try load(boundary.map { [$0] } ?? []),
            session: try load(session),
            scp: try load(scp).map { [$0] },
            rcp: try load(rcp).map { [$0] },
            vpcEndpoint: try load(vpce.map { [$0] } ?? []))
        return SimulationCase(request: request, policies: policies)
    }

    static func loadPolicy(path: String) throws(SimulateError) -> CompiledPolicy {
        let text = try readFile(path)
        do {
            return try CompiledPolicy.compile(text: text, id: path)
        } catch {
            throw SimulateError(error.description)
        }
    }

    /// A service principal as policies name it, `service.amazonaws.com` (no `:`, at least one `.`).
    static func isServicePrincipal(_ text: String) -> Bool {
        !text.contains(":") && text.contains(".") && !text.hasPrefix(".") && !text.hasSuffix(".")
    }

    static func readFile(_ path: String) throws(SimulateError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SimulateError("cannot read `\(path)`")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SimulateError("`\(path)` is not utf-8 text")
        }
        return text
    }

    static func runBenchmark(authorizer: Authorizer, simulation: SimulationCase, count: Int) {
        let clock = ContinuousClock()
        var allowed = 0
        let elapsed = clock.measure {
            for _ in 0..<count {
                let decision = authorizer.evaluate(request: simulation.request, policies: simulation.policies)
                if decision.decision == .allow { allowed += 1 }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(count) / seconds : 0
        let statements = Self.statementCount(simulation.policies)
        print("\(count) evaluations (\(statements) statements) in \(String(format: "%.3f", seconds)) s: \(Int(rate)) evaluations/second")
    }

    static func statementCount(_ policies: LayeredPolicies) -> Int {
        let flat: [CompiledPolicy] = (policies.identity ?? []) + (policies.resource ?? [])
            + (policies.permissionsBoundary ?? []) + (policies.session ?? []) + (policies.vpcEndpoint ?? [])
            + (policies.scp ?? []).flatMap { $0 } + (policies.rcp ?? []).flatMap { $0 }
        return flat.reduce(0) { $0 + $1.document.statements.count }
    }
}

/// A bad input to `simulate`, printed as is.
struct SimulateError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
