import TrailJSON

/// Reads `SNAPSHOT/organization`: describe-organization, policies, targets, parents and roots.
struct OrganizationLoader {
    static let directory = "organization"

    static func load(_ files: inout SnapshotFiles) -> OrganizationData? {
        guard files.isDirectory(directory) else { return nil }
        var data = OrganizationData()
        readDescription(&data, &files)
        readRoots(&data, &files)
        for (id, relative) in files.jsonFiles(in: directory + "/policies") {
            readPolicy(id: id, relative: relative, &data, &files)
        }
        for (id, relative) in files.jsonFiles(in: directory + "/targets") {
            switch files.read(relative) {
            case .missing: break
            case .failed(let reason): data.unreadableTargets[id] = reason
            case .json(let json):
                guard let targets = json["Targets"]?.arrayValue else {
                    files.note(relative, "Targets", "expected the output of `aws organizations list-targets-for-policy`")
                    data.unreadableTargets[id] = "`\(files.path(relative))` has no `Targets` array"
                    continue
                }
                data.targets[id] = Set(targets.compactMap { $0["TargetId"]?.stringValue })
            }
        }
        for (_, relative) in files.jsonFiles(in: directory + "/organizational-units") {
            guard case .json(let json) = files.read(relative) else { continue }
            guard let units = json["OrganizationalUnits"]?.arrayValue else {
                files.note(relative, "OrganizationalUnits", "expected the output of `aws organizations list-organizational-units-for-parent`")
                continue
            }
            for unit in units {
                if let id = unit["Id"]?.stringValue, let name = unit["Name"]?.stringValue { data.unitNames[id] = name }
            }
        }
        for (child, relative) in files.jsonFiles(in: directory + "/parents") {
            switch files.read(relative) {
            case .missing: break
            case .failed(let reason): data.unreadableParents[child] = reason
            case .json(let json):
                guard let parent = json["Parents"]?.arrayValue?.first?["Id"]?.stringValue else {
                    files.note(relative, "Parents", "expected the output of `aws organizations list-parents` with one parent")
                    data.unreadableParents[child] = "`\(files.path(relative))` names no parent"
                    continue
                }
                data.parents[child] = parent
            }
        }
        return data
    }

    private static func readDescription(_ data: inout OrganizationData, _ files: inout SnapshotFiles) {
        let relative = directory + "/describe-organization.json"
        switch files.read(relative) {
        case .missing:
            data.describeProblem = "`\(files.path(relative))` is missing"
        case .failed(let reason):
            data.describeProblem = reason
        case .json(let json):
            guard let organization = json["Organization"], let id = organization["Id"]?.stringValue else {
                files.note(relative, "Organization.Id", "expected the output of `aws organizations describe-organization`")
                data.describeProblem = "`\(files.path(relative))` has no `Organization.Id`"
                return
            }
            data.organizationID = id
            data.managementAccount = organization["MasterAccountId"]?.stringValue
            if data.managementAccount == nil {
                files.note(relative, "Organization.MasterAccountId", "the management account is missing")
                data.describeProblem = "`\(files.path(relative))` has no `Organization.MasterAccountId`"
            }
        }
    }

    private static func readRoots(_ data: inout OrganizationData, _ files: inout SnapshotFiles) {
        let relative = directory + "/roots.json"
        guard case .json(let json) = files.read(relative) else { return }
        guard let root = json["Roots"]?.arrayValue?.first, let types = root["PolicyTypes"]?.arrayValue else {
            files.note(relative, "Roots[0].PolicyTypes", "expected the output of `aws organizations list-roots`")
            return
        }
        data.enabledPolicyTypes = Set(types.compactMap { type in
            type["Status"]?.stringValue == "ENABLED" ? type["Type"]?.stringValue : nil
        })
    }

    private static func readPolicy(id fileID: String, relative: String, _ data: inout OrganizationData,
        _ files: inout SnapshotFiles)
    {
        let json: JSONValue
        switch files.read(relative) {
        case .missing: return
        case .failed(let reason):
            data.unreadablePolicies[fileID] = reason
            return
        case .json(let value): json = value
        }
        guard let summary = json["Policy"]?["PolicySummary"], let type = summary["Type"]?.stringValue else {
            files.note(relative, "Policy.PolicySummary", "expected the output of `aws organizations describe-policy`")
            data.unreadablePolicies[fileID] = "`\(files.path(relative))` has no `Policy.PolicySummary.Type`"
            return
        }
        let id = summary["Id"]?.stringValue ?? fileID
        if id != fileID {
            files.note(relative, "Policy.PolicySummary.Id", "policy id `\(id)` differs from the file name; using `\(id)`")
        }
        let document = files.policyDocument(json["Policy"]?["Content"], relative, "Policy.Content")
        data.policies[id] = OrganizationPolicy(id: id, type: type, name: summary["Name"]?.stringValue ?? id,
            arn: summary["Arn"]?.stringValue ?? id, document: document,
            origin: "\(files.path(relative)): Policy.Content")
    }
}
