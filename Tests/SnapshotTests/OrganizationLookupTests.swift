import Snapshot
import Testing
import TrailJSON

/// Hand-written `organization/` folders: root r-abcd → ou-abcd-prod → 222233334444, and 111111111111 (management).
@Suite struct OrganizationLookupTests {
    static func policyFile(_ id: String, _ type: String, _ statements: JSONValue...) -> JSONValue {
        let path = type == "SERVICE_CONTROL_POLICY" ? "service_control_policy" : "resource_control_policy"
        return ["Policy": [
            "PolicySummary": ["Id": .string(id), "Arn": .string("arn:aws:organizations::111111111111:policy/o-abc/\(path)/\(id)"),
                "Name": .string(id), "Type": .string(type), "AwsManaged": false],
            "Content": .string(JSONWriter.string(["Version": "2012-10-17", "Statement": .array(statements)])),
        ]]
    }

    static func targets(_ ids: String...) -> JSONValue {
        ["Targets": .array(ids.map { ["TargetId": .string($0), "Type": "ACCOUNT"] })]
    }

    static func parent(_ id: String) -> JSONValue {
        ["Parents": [["Id": .string(id), "Type": id.hasPrefix("r-") ? "ROOT" : "ORGANIZATIONAL_UNIT"]]]
    }

    static func organization() -> TemporaryDirectory {
        let dir = TemporaryDirectory()
        dir.write("organization/describe-organization.json", json: ["Organization": [
            "Id": "o-abc", "MasterAccountId": "111111111111", "FeatureSet": "ALL"]])
        dir.write("organization/parents/ou-abcd-prod.json", json: parent("r-abcd"))
        dir.write("organization/parents/222233334444.json", json: parent("ou-abcd-prod"))
        dir.write("organization/parents/111111111111.json", json: parent("r-abcd"))
        dir.write("organization/policies/p-FullAWSAccess.json",
            json: policyFile("p-FullAWSAccess", "SERVICE_CONTROL_POLICY", statement("Allow", "*")))
        dir.write("organization/targets/p-FullAWSAccess.json",
            json: targets("r-abcd", "ou-abcd-prod", "222233334444", "111111111111"))
        dir.write("organization/policies/p-denytrail.json",
            json: policyFile("p-denytrail", "SERVICE_CONTROL_POLICY", statement("Deny", "cloudtrail:StopLogging")))
        dir.write("organization/targets/p-denytrail.json", json: targets("ou-abcd-prod"))
        dir.write("organization/policies/p-rcpdelete.json",
            json: policyFile("p-rcpdelete", "RESOURCE_CONTROL_POLICY", statement("Deny", "s3:DeleteObject")))
        dir.write("organization/targets/p-rcpdelete.json", json: targets("222233334444"))
        return dir
    }

    @Test func walksTheTreeAndCollectsPoliciesPerLevel() throws {
        let dir = Self.organization()
        let load = Snapshot.load(directory: dir.path)
        #expect(load.diagnostics == [])
        let snapshot = load.snapshot
        #expect(snapshot.organizationID == "o-abc")
        #expect(snapshot.isManagementAccount("111111111111") == true)
        #expect(snapshot.isManagementAccount("222233334444") == false)
        #expect(snapshot.organizationPath(account: "222233334444") == .known(["r-abcd", "ou-abcd-prod", "222233334444"]))
        let levels = try #require(snapshot.serviceControlPolicies(account: "222233334444").value)
        #expect(levels.map { $0.map { String($0.id.split(separator: "/").last ?? "") } }
            == [["p-FullAWSAccess"], ["p-FullAWSAccess", "p-denytrail"], ["p-FullAWSAccess"]])
        #expect(firstAction(levels[1][1]) == "cloudtrail:StopLogging")
        #expect(levels[1][1].kind == .scp)
        #expect(levels[1][1].origin == dir.path + "/organization/policies/p-denytrail.json: Policy.Content")
        let rcps = try #require(snapshot.resourceControlPolicies(account: "222233334444").value)
        #expect(rcps.map(\.count) == [0, 0, 1])
        #expect(rcps[2].first?.kind == .rcp)
    }

    @Test func controlPoliciesDoNotApplyToTheManagementAccount() {
        let dir = Self.organization()
        let snapshot = Snapshot.load(directory: dir.path).snapshot
        #expect(snapshot.serviceControlPolicies(account: "111111111111") == .known([]))
        #expect(snapshot.resourceControlPolicies(account: "111111111111") == .known([]))
    }

    @Test func missingTreeOrPolicyDataIsUnknown() {
        let dir = Self.organization()
        #expect(Snapshot.load(directory: dir.path).snapshot.organizationPath(account: "999999999999")
            == .unknown(reason: "account `999999999999` is not in the organization tree: `organization/parents/999999999999.json` is missing"))
        dir.write("organization/targets/p-orphan.json", json: Self.targets("ou-abcd-prod"))
        let orphan = Snapshot.load(directory: dir.path).snapshot
        #expect(orphan.serviceControlPolicies(account: "222233334444").unknownReason
            == "policy `p-orphan` is attached to `ou-abcd-prod` but cannot be read: `organization/policies/p-orphan.json` is missing")
        #expect(orphan.resourceControlPolicies(account: "222233334444").unknownReason != nil)

        let noTargets = Self.organization()
        noTargets.write("organization/policies/p-new.json", json: Self.policyFile("p-new", "SERVICE_CONTROL_POLICY", statement("Deny", "*")))
        let snapshot = Snapshot.load(directory: noTargets.path).snapshot
        #expect(snapshot.serviceControlPolicies(account: "222233334444").unknownReason
            == "the targets of policy `p-new` are unknown: `organization/targets/p-new.json` is missing")
        #expect(snapshot.resourceControlPolicies(account: "222233334444").value?.count == 3)

        let broken = Self.organization()
        broken.write("organization/parents/ou-abcd-prod.json", "{\"Parents\": [")
        let load = Snapshot.load(directory: broken.path)
        #expect(load.snapshot.organizationPath(account: "222233334444").unknownReason == "`\(broken.path)/organization/parents/ou-abcd-prod.json` is not valid JSON")
        #expect(load.diagnostics.map(\.file) == [broken.path + "/organization/parents/ou-abcd-prod.json"])
    }

    @Test func anUnreadablePolicyMattersOnlyWhereItIsAttached() {
        let dir = Self.organization()
        dir.write("organization/policies/p-broken.json", "not json")
        dir.write("organization/targets/p-broken.json", json: Self.targets("333344445555"))
        let snapshot = Snapshot.load(directory: dir.path).snapshot
        #expect(snapshot.serviceControlPolicies(account: "222233334444").value?.count == 3)
        dir.write("organization/targets/p-broken.json", json: Self.targets("r-abcd"))
        let attached = Snapshot.load(directory: dir.path).snapshot
        #expect(attached.serviceControlPolicies(account: "222233334444").unknownReason
            == "policy `p-broken` is attached to `r-abcd` but cannot be read: `\(dir.path)/organization/policies/p-broken.json` is not valid JSON")
    }

    @Test func noPolicyOfATypeIsUnknownUnlessTheRootShowsItDisabled() {
        let dir = Self.organization()
        dir.write("organization/targets/p-rcpdelete.json", json: Self.targets())
        let unproven = Snapshot.load(directory: dir.path).snapshot
        #expect(unproven.resourceControlPolicies(account: "222233334444").unknownReason?.hasPrefix(
            "no RESOURCE_CONTROL_POLICY is attached from the root to `222233334444`") == true)
        dir.write("organization/roots.json", json: ["Roots": [["Id": "r-abcd", "Name": "Root",
            "PolicyTypes": [["Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"]]]]])
        let disabled = Snapshot.load(directory: dir.path).snapshot
        #expect(disabled.resourceControlPolicies(account: "222233334444") == .known([]))
        #expect(disabled.serviceControlPolicies(account: "222233334444").value?.count == 3)
    }

    @Test func withoutOrganizationDataEveryOrganizationLayerIsUnknown() {
        let dir = TemporaryDirectory()
        dir.write("accounts/222233334444/vpc-endpoints.json", json: ["VpcEndpoints": []])
        let snapshot = Snapshot.load(directory: dir.path).snapshot
        #expect(snapshot.organizationID == nil)
        #expect(snapshot.isManagementAccount("222233334444") == nil)
        #expect(snapshot.serviceControlPolicies(account: "222233334444") == .unknown(reason: "no organization data in the snapshot"))
        #expect(snapshot.resourceControlPolicies(account: "222233334444") == .unknown(reason: "no organization data in the snapshot"))
        #expect(snapshot.organizationPath(account: "222233334444") == .unknown(reason: "no organization data in the snapshot"))

        let noDescription = Self.organization()
        noDescription.write("organization/describe-organization.json", "")
        let load = Snapshot.load(directory: noDescription.path)
        #expect(load.snapshot.serviceControlPolicies(account: "222233334444").unknownReason?.hasPrefix("the management account is unknown") == true)
        #expect(load.diagnostics.first?.message.hasPrefix("invalid JSON: line 1, column 1") == true)
    }
}
