import Snapshot
import Testing
import TrailJSON

/// Hand-written `authorization-details.json` files in the shape the CLI prints.
@Suite struct PrincipalLookupTests {
    static let account = "111122223333"
    static let details: JSONValue = [
        "UserDetailList": [
            [
                "Path": "/", "UserName": "alice", "UserId": "AIDAEXAMPLEALICE00001",
                "Arn": "arn:aws:iam::111122223333:user/alice", "GroupList": ["admins", "ghosts"],
                "UserPolicyList": [["PolicyName": "NoDelete", "PolicyDocument": policy(statement("Deny", "iam:DeleteRole"))]],
                "AttachedManagedPolicies": [
                    ["PolicyName": "Local", "PolicyArn": "arn:aws:iam::111122223333:policy/Local"],
                    ["PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"],
                ],
                "PermissionsBoundary": ["PermissionsBoundaryType": "PermissionsBoundaryPolicy",
                    "PermissionsBoundaryArn": "arn:aws:iam::111122223333:policy/Boundary"],
                "Tags": [["Key": "team", "Value": "web"]],
            ],
            [
                "Path": "/", "UserName": "bob", "UserId": "AIDAEXAMPLEBOB0000001", "Arn": "arn:aws:iam::111122223333:user/bob",
                "GroupList": [], "AttachedManagedPolicies": [],
                "UserPolicyList": [["PolicyName": "Broken", "PolicyDocument": "{\"Version\": "]],
                "PermissionsBoundary": ["PermissionsBoundaryArn": "arn:aws:iam::111122223333:policy/Gone"],
            ],
        ],
        "GroupDetailList": [
            [
                "Path": "/", "GroupName": "admins", "GroupId": "AGPAEXAMPLEADMINS0001", "Arn": "arn:aws:iam::111122223333:group/admins",
                "GroupPolicyList": [["PolicyName": "Admin", "PolicyDocument": policy(statement("Allow", "*"))]],
                "AttachedManagedPolicies": [["PolicyName": "Local", "PolicyArn": "arn:aws:iam::111122223333:policy/Local"]],
            ],
        ],
        "RoleDetailList": [
            [
                "Path": "/service/", "RoleName": "deploy", "RoleId": "AROAEXAMPLEDEPLOY0001",
                "Arn": "arn:aws:iam::111122223333:role/service/deploy",
                "AssumeRolePolicyDocument": policy(statement("Allow", "sts:AssumeRole")),
                "RolePolicyList": [["PolicyName": "Deploy", "PolicyDocument": .string(policyText(statement("Allow", "s3:*")))]],
                "AttachedManagedPolicies": [], "Tags": [["Key": "env", "Value": "prod"], ["Key": "owner", "Value": "ci"]],
                "PermissionsBoundary": ["PermissionsBoundaryArn": "arn:aws:iam::111122223333:policy/Boundary"],
                "RoleLastUsed": [:],
            ],
        ],
        "Policies": [
            [
                "PolicyName": "Local", "Arn": "arn:aws:iam::111122223333:policy/Local", "DefaultVersionId": "v2",
                "PolicyVersionList": [
                    ["Document": policy(statement("Allow", "s3:GetObject")), "VersionId": "v2", "IsDefaultVersion": true],
                    ["Document": policy(statement("Allow", "old:Version")), "VersionId": "v1", "IsDefaultVersion": false],
                ],
            ],
            [
                "PolicyName": "Boundary", "Arn": "arn:aws:iam::111122223333:policy/Boundary", "DefaultVersionId": "v1",
                "PolicyVersionList": [["Document": .string("%7B%22Statement%22%3A%5B%5D%7D"), "VersionId": "v1"]],
            ],
        ],
    ]

    static func load() -> (TemporaryDirectory, SnapshotLoad) {
        let dir = TemporaryDirectory()
        dir.write("accounts/\(account)/authorization-details.json", json: details)
        return (dir, Snapshot.load(directory: dir.path))
    }

    @Test func resolvesAUserWithGroupsAttachedPoliciesAndBoundary() throws {
        let (_, load) = Self.load()
        let alice = try #require(load.snapshot.principal(arn: "arn:aws:iam::111122223333:user/alice").value)
        #expect(alice.kind == .user && alice.name == "alice" && alice.id == "AIDAEXAMPLEALICE00001")
        #expect(alice.tags == ["team": "web"])
        #expect(alice.identity.map(\.id) == [
            "arn:aws:iam::111122223333:user/alice#inline:NoDelete", "arn:aws:iam::111122223333:policy/Local",
            "arn:aws:iam::111122223333:group/admins#inline:Admin", "arn:aws:iam::111122223333:policy/Local",
        ])
        #expect(alice.identity.map(\.kind) == [.inline, .managed, .groupInline, .groupManaged])
        #expect(firstAction(alice.identity[1]) == "s3:GetObject")
        #expect(alice.identity[0].origin.hasSuffix("authorization-details.json: UserDetailList[0].UserPolicyList[0].PolicyDocument"))
        #expect(alice.boundary?.kind == .boundary)
        #expect(alice.boundary?.document == ["Statement": []])
        #expect(alice.missingIdentity == ["arn:aws:iam::aws:policy/ReadOnlyAccess", "group `ghosts`"])
        #expect(alice.identityLayer.unknownReason?.contains("`arn:aws:iam::aws:policy/ReadOnlyAccess`") == true)
        #expect(alice.boundaryLayer.value != nil)
    }

    @Test func reportsAttachedPoliciesAndGroupsThatAreMissing() {
        let (dir, load) = Self.load()
        let file = dir.path + "/accounts/111122223333/authorization-details.json"
        #expect(load.diagnostics.contains(SnapshotDiagnostic(file: file, place: "arn:aws:iam::aws:policy/ReadOnlyAccess",
            message: "policy attached to user `alice` is not in `Policies`; its identity layer is unknown")))
        #expect(load.diagnostics.contains(SnapshotDiagnostic(file: file, place: "ghosts",
            message: "group of user `alice` is not in `GroupDetailList`; its identity layer is unknown")))
        #expect(load.diagnostics.contains { $0.place == "arn:aws:iam::111122223333:policy/Gone" })
    }

    @Test func anUnreadableInlinePolicyOrBoundaryMakesItsLayerUnknown() throws {
        let (dir, load) = Self.load()
        let bob = try #require(load.snapshot.principal(arn: "arn:aws:iam::111122223333:user/bob").value)
        #expect(bob.missingIdentity == ["arn:aws:iam::111122223333:user/bob#inline:Broken"])
        #expect(bob.missing == ["arn:aws:iam::111122223333:user/bob#inline:Broken", "arn:aws:iam::111122223333:policy/Gone"])
        #expect(!bob.isComplete)
        #expect(bob.boundaryLayer == .unknown(reason:
            "permissions boundary `arn:aws:iam::111122223333:policy/Gone` of `arn:aws:iam::111122223333:user/bob` is missing from the snapshot"))
        let diagnostic = try #require(load.diagnostics.first { $0.place == "UserDetailList[1].UserPolicyList[0].PolicyDocument" })
        #expect(diagnostic.file == dir.path + "/accounts/111122223333/authorization-details.json")
        #expect(diagnostic.message == "policy text is not valid JSON: line 1, column 13: unexpected end of input, expected a value")
    }

    @Test func matchesRolesAndSessionsByNameWhateverThePath() throws {
        let (_, load) = Self.load()
        let snapshot = load.snapshot
        for arn in ["arn:aws:iam::111122223333:role/service/deploy", "arn:aws:iam::111122223333:role/deploy",
            "arn:aws:sts::111122223333:assumed-role/deploy/session-1"]
        {
            let role = try #require(snapshot.principal(arn: arn).value)
            #expect(role.arn == "arn:aws:iam::111122223333:role/service/deploy")
            #expect(role.kind == .role && role.path == "/service/")
            #expect(role.identity.map(\.kind) == [.inline])
            #expect(firstAction(role.identity.first) == "s3:*")
            #expect(role.isComplete)
        }
        #expect(snapshot.tags(ofPrincipal: "arn:aws:sts::111122223333:assumed-role/deploy/x") == .known(["env": "prod", "owner": "ci"]))
        #expect(snapshot.principal(uniqueID: "AROAEXAMPLEDEPLOY0001").value?.name == "deploy")
        #expect(snapshot.principal(uniqueID: "AROANOBODY").unknownReason == "no user or role with id `AROANOBODY` in the snapshot")
    }

    @Test func saysWhyAPrincipalIsUnknown() {
        let (dir, load) = Self.load()
        let snapshot = load.snapshot
        #expect(snapshot.principal(arn: "arn:aws:iam::111122223333:user/zed")
            == .unknown(reason: "user `zed` is not in the authorization details of account `111122223333`"))
        #expect(snapshot.principal(arn: "arn:aws:iam::444455556666:role/x") == .unknown(reason: "account `444455556666` is not in the snapshot"))
        #expect(snapshot.principal(arn: "arn:aws:iam::111122223333:root").unknownReason?.contains("is not an IAM user") == true)
        #expect(snapshot.principal(arn: "alice") == .unknown(reason: "`alice` is not an ARN"))
        dir.write("accounts/444455556666/vpc-endpoints.json", json: ["VpcEndpoints": []])
        let other = Snapshot.load(directory: dir.path).snapshot
        #expect(other.principal(arn: "arn:aws:iam::444455556666:user/a") == .unknown(reason:
            "no authorization details for account `444455556666`: `\(dir.path)/accounts/444455556666/authorization-details.json` is missing"))
    }
}
