import TrailJSON

/// Reads one `SNAPSHOT/accounts/<account-id>` folder.
struct AccountLoader {
    let account: String
    let folder: String

    init(account: String) {
        self.account = account
        self.folder = "accounts/" + account
    }

    func load(_ files: inout SnapshotFiles) -> AccountData {
        var data = AccountData(id: account, authorizationProblem: "", vpcEndpointsProblem: "")
        readAuthorization(&data, &files)
        readBuckets(&data, &files)
        readEndpoints(&data, &files)
        readResourcePolicies(&data, &files)
        return data
    }

    private func readAuthorization(_ data: inout AccountData, _ files: inout SnapshotFiles) {
        let relative = folder + "/authorization-details.json"
        switch files.read(relative) {
        case .missing:
            data.authorizationProblem = "no authorization details for account `\(account)`: `\(files.path(relative))` is missing"
        case .failed(let reason):
            data.authorizationProblem = "no authorization details for account `\(account)`: \(reason)"
        case .json(let json):
            data.authorization = AuthorizationDetailsParser(relative: relative, files: files).parse(json, files: &files)
            if data.authorization == nil {
                data.authorizationProblem = "no authorization details for account `\(account)`: `\(files.path(relative))` has an unexpected shape"
            }
        }
    }

    private func readBuckets(_ data: inout AccountData, _ files: inout SnapshotFiles) {
        let s3 = folder + "/s3"
        guard files.isDirectory(s3) else { return }
        for (name, relative) in files.jsonFiles(in: s3) {
            if name == "_buckets" {
                readBucketListing(relative, &data, &files)
                continue
            }
            let arn = "arn:aws:s3:::" + name
            data.bucketPolicies[name] = collectedPolicy(arn: arn, relative: relative,
                expecting: "the output of `aws s3api get-bucket-policy`", &files)
        }
    }

    private func readBucketListing(_ relative: String, _ data: inout AccountData, _ files: inout SnapshotFiles) {
        guard case .json(let json) = files.read(relative) else { return }
        guard let buckets = json["Buckets"]?.arrayValue else {
            files.note(relative, "Buckets", "expected the output of `aws s3api list-buckets`")
            return
        }
        data.bucketListing = Set(buckets.compactMap { $0["Name"]?.stringValue })
    }

    private func readEndpoints(_ data: inout AccountData, _ files: inout SnapshotFiles) {
        let relative = folder + "/vpc-endpoints.json"
        let json: JSONValue
        switch files.read(relative) {
        case .missing:
            data.vpcEndpointsProblem = "`\(files.path(relative))` is missing"
            return
        case .failed(let reason):
            data.vpcEndpointsProblem = reason
            return
        case .json(let value): json = value
        }
        guard let items = json["VpcEndpoints"]?.arrayValue else {
            files.note(relative, "VpcEndpoints", "expected the output of `aws ec2 describe-vpc-endpoints`")
            data.vpcEndpointsProblem = "`\(files.path(relative))` has no `VpcEndpoints` array"
            return
        }
        var endpoints: [String: CollectedEndpoint] = [:]
        for (index, item) in items.enumerated() {
            let place = "VpcEndpoints[\(index)]"
            guard let id = item["VpcEndpointId"]?.stringValue else {
                files.note(relative, place, "`VpcEndpointId` is missing")
                continue
            }
            var endpoint = VpcEndpoint(id: id, vpcId: item["VpcId"]?.stringValue ?? "",
                serviceName: item["ServiceName"]?.stringValue ?? "", account: account, policy: nil)
            var problem: String?
            if let raw = item["PolicyDocument"], raw != .null {
                if let document = files.policyDocument(raw, relative, place + ".PolicyDocument") {
                    endpoint.policy = PolicySource(id: id, kind: .vpcEndpoint, document: document,
                        origin: "\(files.path(relative)): \(place).PolicyDocument")
                } else {
                    problem = "the policy of `\(id)` in `\(files.path(relative))` cannot be decoded"
                }
            }
            endpoints[id] = CollectedEndpoint(endpoint: endpoint, problem: problem)
        }
        data.vpcEndpoints = endpoints
    }

    private func readResourcePolicies(_ data: inout AccountData, _ files: inout SnapshotFiles) {
        let directory = folder + "/resource-policies"
        for (name, relative) in files.jsonFiles(in: directory) {
            if name == "_inventory" {
                readInventory(relative, &data, &files)
                continue
            }
            guard case .json(let json) = files.read(relative) else { continue }
            guard let arn = json["ResourceArn"]?.stringValue else {
                files.note(relative, "ResourceArn", "expected {\"ResourceArn\": …, \"Policy\": …}")
                continue
            }
            var policy = collectedPolicy(arn: arn, json: json, relative: relative,
                expecting: "{\"ResourceArn\": …, \"Policy\": …}", &files)
            policy.aliases = (json["Aliases"]?.arrayValue ?? []).compactMap(\.stringValue)
            data.resourcePolicies[arn] = policy
        }
    }

    private func readInventory(_ relative: String, _ data: inout AccountData, _ files: inout SnapshotFiles) {
        guard case .json(let json) = files.read(relative) else { return }
        guard let region = json["Region"]?.stringValue, let services = json["Services"]?.objectValue else {
            files.note(relative, "", "expected {\"Region\": …, \"Services\": {service: [arn, …]}}")
            return
        }
        for member in services.members {
            data.inventory[member.key + ":" + region] = Set((member.value.arrayValue ?? []).compactMap(\.stringValue))
        }
    }

    /// Reads a file holding `{"Policy": …}` and decodes the policy in it.
    private func collectedPolicy(arn: String, relative: String, expecting: String, _ files: inout SnapshotFiles)
        -> CollectedPolicy
    {
        switch files.read(relative) {
        case .missing:
            return CollectedPolicy(arn: arn, origin: files.path(relative), problem: "`\(files.path(relative))` is missing")
        case .failed(let reason):
            return CollectedPolicy(arn: arn, origin: files.path(relative), problem: reason)
        case .json(let json):
            return collectedPolicy(arn: arn, json: json, relative: relative, expecting: expecting, &files)
        }
    }

    /// Decodes the `Policy` member; an explicit `null` records that the resource has no policy.
    private func collectedPolicy(arn: String, json: JSONValue, relative: String, expecting: String,
        _ files: inout SnapshotFiles) -> CollectedPolicy
    {
        let origin = "\(files.path(relative)): Policy"
        guard let raw = json["Policy"] else {
            files.note(relative, "Policy", "expected \(expecting)")
            return CollectedPolicy(arn: arn, origin: origin, problem: "`\(files.path(relative))` has no `Policy`")
        }
        if raw == .null { return CollectedPolicy(arn: arn, origin: origin) }
        guard let document = files.policyDocument(raw, relative, "Policy") else {
            return CollectedPolicy(arn: arn, origin: origin, problem: "the policy in `\(files.path(relative))` cannot be decoded")
        }
        return CollectedPolicy(arn: arn, document: document, origin: origin)
    }
}
