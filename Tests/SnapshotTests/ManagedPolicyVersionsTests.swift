import Snapshot
import Testing
import TrailJSON

/// get-account-authorization-details lists every version of a managed policy (`PolicyVersionList`,
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html): the snapshot keeps
/// the customer managed ones' for the history of SetDefaultPolicyVersion, not AWS managed policies'.
@Suite struct ManagedPolicyVersionsTests {
    @Test func customerManagedPoliciesKeepEveryVersion() {
        let dir = TemporaryDirectory()
        let v1 = policyText(statement("Allow", "s3:GetObject", sid: "V1"))
        let v2 = policyText(statement("Allow", "s3:*", sid: "V2"))
        dir.write("accounts/111122223333/authorization-details.json", #"""
            {"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [], "Policies": [
              {"PolicyName": "Ops", "Arn": "arn:aws:iam::111122223333:policy/Ops", "DefaultVersionId": "v2", "PolicyVersionList": [
                {"VersionId": "v1", "IsDefaultVersion": false, "Document": \#(JSONWriter.string(.string(v1)))},
                {"VersionId": "v2", "IsDefaultVersion": true, "Document": \#(JSONWriter.string(.string(v2)))},
                {"VersionId": "v3", "IsDefaultVersion": false, "Document": "not a policy %%"}]},
              {"PolicyName": "ReadOnlyAccess", "Arn": "arn:aws:iam::aws:policy/ReadOnlyAccess", "DefaultVersionId": "v1",
               "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "Document": \#(JSONWriter.string(.string(v1)))}]}]}
            """#)
        let load = Snapshot.load(directory: dir.path)
        let versions = load.snapshot.managedPolicyVersions
        #expect(Set(versions.keys) == ["arn:aws:iam::111122223333:policy/Ops"])
        #expect(versions["arn:aws:iam::111122223333:policy/Ops"]?.keys.sorted() == ["v1", "v2"], "a version that does not decode is left out")
        #expect(versions["arn:aws:iam::111122223333:policy/Ops"]?["v1"]?["Statement"]?.arrayValue?.first?["Sid"] == "V1")
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics)")
    }
}
