import TrailJSON

/// Reads the output of `aws iam get-account-authorization-details` into an `AccountAuthorization`.
struct AuthorizationDetailsParser {
    let relative: String
    let origin: String

    init(relative: String, files: SnapshotFiles) {
        self.relative = relative
        self.origin = files.path(relative)
    }

    func parse(_ json: JSONValue, files: inout SnapshotFiles) -> AccountAuthorization? {
        guard let root = json.objectValue else {
            files.note(relative, "", "expected the output of `aws iam get-account-authorization-details`, found a \(json.kindName)")
            return nil
        }
        let known = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"]
        guard known.contains(where: { root[$0] != nil }) else {
            files.note(relative, "", "none of `UserDetailList`, `GroupDetailList`, `RoleDetailList`, `Policies` is present")
            return nil
        }
        var result = AccountAuthorization()
        for (place, item) in list(root, "UserDetailList", &files) {
            if let user = entity(item, place, nameKey: "UserName", idKey: "UserId", inlineKey: "UserPolicyList", &files) {
                result.users[user.name] = user
            }
        }
        for (place, item) in list(root, "GroupDetailList", &files) {
            if let group = entity(item, place, nameKey: "GroupName", idKey: "GroupId", inlineKey: "GroupPolicyList", &files) {
                result.groups[group.name] = group
            }
        }
        for (place, item) in list(root, "RoleDetailList", &files) {
            if let role = entity(item, place, nameKey: "RoleName", idKey: "RoleId", inlineKey: "RolePolicyList", &files) {
                result.roles[role.name] = role
            }
        }
        for (place, item) in list(root, "Policies", &files) {
            if let policy = managedPolicy(item, place, &files) { result.managedPolicies[policy.arn] = policy }
        }
        reportMissingManagedPolicies(result, &files)
        return result
    }

    /// Names each attached policy or boundary whose document `Policies` does not hold (AWS managed policies
    /// are only there when the collector asked with `--filter … AWSManagedPolicy`).
    private func reportMissingManagedPolicies(_ result: AccountAuthorization, _ files: inout SnapshotFiles) {
        let entities = [("user", result.users), ("group", result.groups), ("role", result.roles)]
        for (kind, byName) in entities {
            for name in byName.keys.sorted() {
                guard let entity = byName[name] else { continue }
                for arn in entity.attached + [entity.boundaryArn].compactMap({ $0 })
                where result.managedPolicies[arn] == nil {
                    files.note(relative, arn, "policy attached to \(kind) `\(name)` is not in `Policies`; its identity layer is unknown")
                }
                for group in entity.groups where result.groups[group] == nil {
                    files.note(relative, group, "group of user `\(name)` is not in `GroupDetailList`; its identity layer is unknown")
                }
            }
        }
    }

    private func list(_ root: JSONObject, _ key: String, _ files: inout SnapshotFiles) -> [(String, JSONObject)] {
        guard let value = root[key] else { return [] }
        guard let items = value.arrayValue else {
            files.note(relative, key, "expected an array, found a \(value.kindName)")
            return []
        }
        var result: [(String, JSONObject)] = []
        for (index, item) in items.enumerated() {
            let place = "\(key)[\(index)]"
            if let object = item.objectValue { result.append((place, object)) } else {
                files.note(relative, place, "expected an object, found a \(item.kindName)")
            }
        }
        return result
    }

    private func entity(_ item: JSONObject, _ place: String, nameKey: String, idKey: String, inlineKey: String,
        _ files: inout SnapshotFiles) -> IAMEntity?
    {
        guard let name = item[nameKey]?.stringValue, let arn = item["Arn"]?.stringValue else {
            files.note(relative, place, "`\(nameKey)` or `Arn` is missing")
            return nil
        }
        var entity = IAMEntity(name: name, id: item[idKey]?.stringValue ?? "", arn: arn,
            path: item["Path"]?.stringValue ?? "/")
        for (index, policy) in (item[inlineKey]?.arrayValue ?? []).enumerated() {
            let policyPlace = "\(place).\(inlineKey)[\(index)]"
            let policyName = policy["PolicyName"]?.stringValue ?? "#\(index)"
            let document = files.policyDocument(policy["PolicyDocument"], relative, policyPlace + ".PolicyDocument")
            entity.inline.append(InlinePolicy(name: policyName, document: document,
                origin: "\(origin): \(policyPlace).PolicyDocument"))
        }
        if let trust = item["AssumeRolePolicyDocument"] {
            entity.trustPolicy = files.policyDocument(trust, relative, place + ".AssumeRolePolicyDocument")
            entity.trustOrigin = "\(origin): \(place).AssumeRolePolicyDocument"
        }
        entity.attached = (item["AttachedManagedPolicies"]?.arrayValue ?? []).compactMap { $0["PolicyArn"]?.stringValue }
        entity.boundaryArn = item["PermissionsBoundary"]?["PermissionsBoundaryArn"]?.stringValue
        entity.groups = (item["GroupList"]?.arrayValue ?? []).compactMap(\.stringValue)
        for tag in item["Tags"]?.arrayValue ?? [] {
            if let key = tag["Key"]?.stringValue, let value = tag["Value"]?.stringValue { entity.tags[key] = value }
        }
        return entity
    }

    private func managedPolicy(_ item: JSONObject, _ place: String, _ files: inout SnapshotFiles) -> ManagedPolicy? {
        guard let arn = item["Arn"]?.stringValue else {
            files.note(relative, place, "`Arn` is missing")
            return nil
        }
        let versions = item["PolicyVersionList"]?.arrayValue ?? []
        let defaultID = item["DefaultVersionId"]?.stringValue
        let chosen = versions.indices.first { versions[$0]["IsDefaultVersion"]?.boolValue == true }
            ?? versions.indices.first { defaultID != nil && versions[$0]["VersionId"]?.stringValue == defaultID }
        guard let chosen else {
            files.note(relative, arn, "no default version in `\(place).PolicyVersionList`")
            return ManagedPolicy(arn: arn, document: nil, origin: "\(origin): \(place)")
        }
        let documentPlace = "\(place).PolicyVersionList[\(chosen)].Document"
        let document = files.policyDocument(versions[chosen]["Document"], relative, documentPlace)
        var policy = ManagedPolicy(arn: arn, document: document, origin: "\(origin): \(documentPlace)")
        if !arn.contains(":iam::aws:policy/") {
            // The other versions are only a history's: one that does not decode is left out without a word.
            for version in versions {
                guard let id = version["VersionId"]?.stringValue, let raw = version["Document"],
                    let decoded = try? PolicyDocumentDecoding.decode(raw)
                else { continue }
                policy.versions[id] = decoded
            }
        }
        return policy
    }
}
