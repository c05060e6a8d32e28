extension Snapshot {
    /// The VPC endpoint `id` (`vpce-…`) with its policy, from any account's `vpc-endpoints.json`.
    /// Unknown when no account lists it or its policy cannot be decoded.
    public func vpcEndpoint(id: String) -> LayerLookup<VpcEndpoint> {
        var problems: [String] = []
        for account in accountIDs {
            guard let data = accounts[account] else { continue }
            guard let endpoints = data.vpcEndpoints else {
                problems.append(data.vpcEndpointsProblem)
                continue
            }
            guard let found = endpoints[id] else { continue }
            if let problem = found.problem { return .unknown(reason: .init(problem)) }
            return .known(found.endpoint)
        }
        let suffix = problems.isEmpty ? "" : " (not collected: " + problems.joined(separator: "; ") + ")"
        return .unknown(reason: .init("VPC endpoint `\(id)` is not in any account's `vpc-endpoints.json`" + suffix, gap: .vpcEndpoint(id)))
    }
}
