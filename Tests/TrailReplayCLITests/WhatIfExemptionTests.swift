import Foundation
import Testing
import TrailJSON

/// `whatif` over a generated archive whose answer is known: a region-lock SCP on the root and a deny-all RCP
/// on the data account, against SampleSnapshot's organization (root r-a1b2; management 111111111111;
/// 222233334444 in OU Production; 555566667777 in OU Data), with each of AWS's exemptions among the calls.
@Suite struct WhatIfExemptionTests {
    /// One generated call: its id, whether the candidate newly denies it, and why (the case's name).
    struct Call {
        var id: String
        var newlyDenied: Bool
        var record: String
    }

    static func record(_ id: String, account: String, arn: String?, type: String, source: String, event: String,
        region: String, invokedBy: String? = nil, parameters: String = "{}") -> String
    {
        let identity = arn.map { #""arn":"\#($0)","accountId":"\#(account)","principalId":"AIDAEXAMPLE:\#(id)","# } ?? ""
        let invoked = invokedBy.map { #","invokedBy":"\#($0)""# } ?? ""
        return #"{"eventVersion":"1.09","eventID":"\#(id)","eventTime":"2026-11-28T10:00:00Z","eventSource":"\#(source)","#
            + #""eventName":"\#(event)","awsRegion":"\#(region)","recipientAccountId":"\#(account)","#
            + #""sourceIPAddress":"\#(invokedBy ?? "198.51.100.7")","userIdentity":{\#(identity)"type":"\#(type)"\#(invoked)},"#
            + #""requestParameters":\#(parameters)}"#
    }

    static let bob = "arn:aws:iam::222233334444:user/bob"
    static let dana = "arn:aws:sts::222233334444:assumed-role/analyst/dana"
    static let object = #"{"bucketName":"example-data","key":"reports/2026-11.csv"}"#

    static let calls: [Call] = [
        Call(id: "scp-other-region", newlyDenied: true, record: record("scp-other-region", account: "222233334444", arn: bob,
            type: "IAMUser", source: "ec2.amazonaws.com", event: "DescribeInstances", region: "us-east-1")),
        Call(id: "scp-allowed-region", newlyDenied: false, record: record("scp-allowed-region", account: "222233334444", arn: bob,
            type: "IAMUser", source: "ec2.amazonaws.com", event: "DescribeInstances", region: "eu-west-1")),
        // "SCPs don't affect users or roles in the management account" (AWS Organizations User Guide, SCPs:
        // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html).
        Call(id: "scp-management-account", newlyDenied: false, record: record("scp-management-account", account: "111111111111",
            arn: "arn:aws:iam::111111111111:user/admin", type: "IAMUser", source: "ec2.amazonaws.com", event: "DescribeInstances",
            region: "us-east-1")),
        // "SCPs do not affect service-linked roles" (same page).
        Call(id: "scp-service-linked-role", newlyDenied: false, record: record("scp-service-linked-role", account: "222233334444",
            arn: "arn:aws:sts::222233334444:assumed-role/AWSServiceRoleForAutoScaling/AutoScaling", type: "AssumedRole",
            source: "ec2.amazonaws.com", event: "DescribeInstances", region: "us-east-1")),
        // SCPs "do not restrict … AWS service principals" (same page); a service's own call has no IAM caller.
        Call(id: "scp-service-principal", newlyDenied: false, record: record("scp-service-principal", account: "222233334444",
            arn: nil, type: "AWSService", source: "ec2.amazonaws.com", event: "DescribeInstances", region: "us-east-1",
            invokedBy: "autoscaling.amazonaws.com")),
        // "No permissions are required to perform this operation … even if an explicit deny" (STS API reference,
        // https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
        Call(id: "scp-get-caller-identity", newlyDenied: false, record: record("scp-get-caller-identity", account: "222233334444",
            arn: bob, type: "IAMUser", source: "sts.amazonaws.com", event: "GetCallerIdentity", region: "us-east-1")),
        // IAM's single endpoint is in us-east-1, so aws:RequestedRegion is us-east-1 whatever Region the record
        // names (IAM User Guide, "Denies access to AWS based on the requested Region").
        Call(id: "scp-global-service", newlyDenied: true, record: record("scp-global-service", account: "222233334444", arn: bob,
            type: "IAMUser", source: "iam.amazonaws.com", event: "ListRoles", region: "eu-west-1")),
        // The RCP on 555566667777 denies everything to everyone; S3 is among the services RCPs apply to
        // (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html).
        Call(id: "rcp-s3-read", newlyDenied: true, record: record("rcp-s3-read", account: "555566667777", arn: dana,
            type: "AssumedRole", source: "s3.amazonaws.com", event: "GetObject", region: "eu-west-1", parameters: object)),
        // EC2 is not: the RCP does not apply to its calls (the region-lock SCP is not on this account's path
        // in eu-west-1 either).
        Call(id: "rcp-unlisted-service", newlyDenied: false, record: record("rcp-unlisted-service", account: "555566667777",
            arn: "arn:aws:iam::555566667777:user/ops", type: "IAMUser", source: "ec2.amazonaws.com", event: "DescribeInstances",
            region: "eu-west-1")),
        // RCPs do not restrict AWS service principals (same page).
        Call(id: "rcp-service-principal", newlyDenied: false, record: record("rcp-service-principal", account: "555566667777",
            arn: nil, type: "AWSService", source: "s3.amazonaws.com", event: "GetObject", region: "eu-west-1",
            invokedBy: "cloudtrail.amazonaws.com", parameters: object)),
    ]

    @Test func exactlyTheCallsNoExemptionCoversAreNewlyDenied() throws {
        let folder = DenyFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let log = folder + "/calls.json"
        try (#"{"Records":["# + Self.calls.map(\.record).joined(separator: ",") + "]}").write(toFile: log, atomically: true, encoding: .utf8)
        let scp = folder + "/RegionLock.json"
        try #"{"Version":"2012-10-17","Statement":[{"Sid":"RegionLock","Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1"]}}}]}"#
            .write(toFile: scp, atomically: true, encoding: .utf8)
        let rcp = folder + "/NoAccess.json"
        try #"{"Version":"2012-10-17","Statement":[{"Sid":"NoAccess","Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}"#
            .write(toFile: rcp, atomically: true, encoding: .utf8)
        let result = try CLI.run(["whatif", log, "--snapshot", "SampleSnapshot", "--attach-scp", scp, "--attach-to", "r-a1b2",
            "--attach-rcp", rcp, "--attach-to", "555566667777"])
        #expect(result.status == 3, "\(result.stderr)")
        let lines = try result.lines.map { try JSONParser.parse($0) }
        let denied = Set(lines.filter { $0["change"] == "newly-denied" }.compactMap { $0["eventID"]?.stringValue })
        #expect(denied == Set(Self.calls.filter(\.newlyDenied).map(\.id)), "\(result.stdout)\n\(result.stderr)")
        let layers = Dictionary(uniqueKeysWithValues: lines.compactMap { line in
            line["eventID"]?.stringValue.map { ($0, line["layer"]?.stringValue ?? "-") }
        })
        #expect(layers["scp-other-region"] == "scp" && layers["scp-global-service"] == "scp" && layers["rcp-s3-read"] == "rcp")
        #expect(result.stderr.contains("whatif: \(Self.calls.count) calls judged; 3 newly denied"), "\(result.stderr)")
    }
}
