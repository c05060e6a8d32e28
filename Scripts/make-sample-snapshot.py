#!/usr/bin/env python3
"""Writes SampleSnapshot: the policy snapshot that explains SampleLogs/AWSLogs (Scripts/make-sample-logs.py).

It sits beside SampleLogs rather than inside it, so that `trailreplay extract SampleLogs` reads only logs.

Every file is what the AWS CLI prints (4-space indented JSON), in the layout Scripts/collect-snapshot writes:
accounts/<id>/authorization-details.json, s3/_buckets.json and s3/<bucket>.json, vpc-endpoints.json,
resource-policies/_inventory.json, and organization/ (describe-organization, roots, policies, targets,
parents). The policies produce the archive's scenarios, one per layer:

   1 alice: identity Deny iam:DeleteRole             8 intern: boundary Deny ec2:*, identity allows RunInstances
   2 bob: force-MFA Deny (NotAction, BoolIfExists)   9 SCP on Production: Deny StopLogging unless security-admin
   3 carol: Deny RunInstances by aws:TagKeys + type 10 RCP on the data account: Deny s3:DeleteObject
   4 bucket policy denies the intern role          11 builder allows ec2:* (the session policy denies)
   5 bucket policy on aws:userid (carol denied)    12 analyst: nothing allows secretsmanager (implicit deny)
   6 bucket policy on aws:SourceVpce               13 kinesis stream: no resource policy collected (unknown)
   7 endpoint policy allows only s3:GetObject

Output is deterministic. Run from the repository root (OUT_DIR defaults to SampleSnapshot):
    python3 Scripts/make-sample-snapshot.py [OUT_DIR]
"""

import importlib.util
import json
import os
import shutil
import sys

spec = importlib.util.spec_from_file_location("sample_logs", os.path.join(os.path.dirname(__file__), "make-sample-logs.py"))
logs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(logs)

ORG, MGMT, WORKLOAD, DATA, REGION = logs.ORG, logs.MGMT, logs.WORKLOAD, logs.DATA, logs.REGION
ROOT = "r-a1b2"
PRODUCTION = "ou-a1b2-prod7k3q"
DATA_OU = "ou-a1b2-data9m4x"
VPCE = "vpce-0a1b2c3d4e5f60718"
BUCKET = "example-data"
CREATED = "2026-03-02T10:15:00+00:00"


def doc(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def compact(document):
    return json.dumps(document, separators=(",", ":"))


def write(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as out:
        out.write(json.dumps(value, indent=4, ensure_ascii=False) + "\n")


def managed(account, name, policy_id, document, attachments, path="/", boundary_uses=0):
    arn = "arn:aws:iam::aws:policy/" + name if account == "aws" else f"arn:aws:iam::{account}:policy{path}{name}"
    return {"PolicyName": name, "PolicyId": policy_id, "Arn": arn, "Path": path, "DefaultVersionId": "v1",
            "AttachmentCount": attachments, "PermissionsBoundaryUsageCount": boundary_uses, "IsAttachable": True,
            "CreateDate": CREATED, "UpdateDate": CREATED,
            "PolicyVersionList": [{"Document": document, "VersionId": "v1", "IsDefaultVersion": True,
                                   "CreateDate": CREATED}]}


def user(name, user_id, inline=(), attached=(), groups=(), tags=(), path="/"):
    entry = {"Path": path, "UserName": name, "UserId": user_id, "Arn": f"arn:aws:iam::{WORKLOAD}:user{path}{name}",
             "CreateDate": CREATED,
             "UserPolicyList": [{"PolicyName": n, "PolicyDocument": d} for n, d in inline],
             "GroupList": list(groups),
             "AttachedManagedPolicies": [{"PolicyName": a.rsplit("/", 1)[1], "PolicyArn": a} for a in attached]}
    if tags:
        entry["Tags"] = [{"Key": k, "Value": v} for k, v in tags]
    return entry


def group(name, group_id, inline=(), attached=()):
    return {"Path": "/", "GroupName": name, "GroupId": group_id, "Arn": f"arn:aws:iam::{WORKLOAD}:group/{name}",
            "CreateDate": CREATED,
            "GroupPolicyList": [{"PolicyName": n, "PolicyDocument": d} for n, d in inline],
            "AttachedManagedPolicies": [{"PolicyName": a.rsplit("/", 1)[1], "PolicyArn": a} for a in attached]}


def role(account, name, role_id, trust, inline=(), attached=(), boundary=None, tags=(), last_used=None):
    entry = {"Path": "/", "RoleName": name, "RoleId": role_id, "Arn": f"arn:aws:iam::{account}:role/{name}",
             "CreateDate": CREATED, "AssumeRolePolicyDocument": trust, "InstanceProfileList": [],
             "RolePolicyList": [{"PolicyName": n, "PolicyDocument": d} for n, d in inline],
             "AttachedManagedPolicies": [{"PolicyName": a.rsplit("/", 1)[1], "PolicyArn": a} for a in attached]}
    if boundary:
        entry["PermissionsBoundary"] = {"PermissionsBoundaryType": "PermissionsBoundaryPolicy",
                                        "PermissionsBoundaryArn": boundary}
    if tags:
        entry["Tags"] = [{"Key": k, "Value": v} for k, v in tags]
    entry["RoleLastUsed"] = {"LastUsedDate": last_used, "Region": REGION} if last_used else {}
    return entry


def trust_account(account):
    return doc({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:root"}, "Action": "sts:AssumeRole"})


def workload_authorization():
    iam_admin = managed(WORKLOAD, "IAMAdministration", "ANPAWORKLOADIAMADMIN1", doc(
        {"Sid": "ManageIAM", "Effect": "Allow", "Action": "iam:*", "Resource": "*"},
        {"Sid": "AssumeBuilder", "Effect": "Allow", "Action": "sts:AssumeRole",
         "Resource": f"arn:aws:iam::{WORKLOAD}:role/builder"}), 1)
    require_mfa = managed(WORKLOAD, "RequireMFA", "ANPAWORKLOADREQMFA001", doc(
        {"Sid": "AllowManageOwnMFA", "Effect": "Allow",
         "Action": ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice"],
         "Resource": [f"arn:aws:iam::{WORKLOAD}:mfa/${{aws:username}}", f"arn:aws:iam::{WORKLOAD}:user/${{aws:username}}"]},
        {"Sid": "BlockMostAccessUnlessSignedInWithMFA", "Effect": "Deny",
         "NotAction": ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices",
                       "iam:ListVirtualMFADevices", "iam:ResyncMFADevice", "sts:GetSessionToken"],
         "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}), 1)
    ec2_operator = managed(WORKLOAD, "EC2Operator", "ANPAWORKLOADEC2OPS01", doc(
        {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}), 2)
    intern_boundary = managed(WORKLOAD, "InternBoundary", "ANPAWORKLOADINTERNB1", doc(
        {"Sid": "AllowWithinBoundary", "Effect": "Allow", "Action": "*", "Resource": "*"},
        {"Sid": "NoCompute", "Effect": "Deny", "Action": "ec2:*", "Resource": "*"}), 0, boundary_uses=1)
    s3_read = managed("aws", "AmazonS3ReadOnlyAccess", "ANPAIZTJ4DXE7G6AGAE6M", doc(
        {"Effect": "Allow", "Action": ["s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*",
                                       "s3-object-lambda:List*"], "Resource": "*"}), 1)
    s3_read["Path"] = "/"
    users = [
        user("alice", logs.ALICE["principalId"], groups=["developers"], attached=[iam_admin["Arn"]],
             inline=[("DenyRoleDeletion", doc({"Sid": "NoRoleDeletion", "Effect": "Deny", "Action": "iam:DeleteRole",
                                                "Resource": "*"}))],
             tags=[("team", "platform"), ("cost-center", "cc-1001")]),
        user("bob", logs.BOB["principalId"], groups=["mfa-required"], attached=[ec2_operator["Arn"]],
             tags=[("team", "operations")]),
        user("carol", logs.CAROL["principalId"], groups=["developers"], attached=[ec2_operator["Arn"]],
             inline=[("RequireCostTags", doc(
                 {"Sid": "AllowS3", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                 {"Sid": "DenySmallUntaggedInstances", "Effect": "Deny", "Action": "ec2:RunInstances",
                  "Resource": f"arn:aws:ec2:{REGION}:{WORKLOAD}:instance/*",
                  "Condition": {"ForAllValues:StringNotLike": {"aws:TagKeys": ["cost-center", "project"]},
                                "StringEquals": {"ec2:InstanceType": "t2.micro"}}}))],
             tags=[("team", "research")]),
    ]
    groups = [
        group("developers", "AGPAWORKLOADDEVELOPER1", attached=[s3_read["Arn"]]),
        group("mfa-required", "AGPAWORKLOADMFAREQ001", attached=[require_mfa["Arn"]]),
    ]
    roles = [
        role(WORKLOAD, "deploy", logs.DEPLOY["sessionContext"]["sessionIssuer"]["principalId"], trust_account(WORKLOAD),
             inline=[("DeployPipeline", doc(
                 {"Sid": "Artifacts", "Effect": "Allow", "Action": ["s3:*", "cloudtrail:*"], "Resource": "*"},
                 {"Sid": "Release", "Effect": "Allow", "Action": ["ec2:Describe*", "lambda:UpdateFunctionConfiguration",
                                                                  "kinesis:PutRecord"], "Resource": "*"}))],
             tags=[("env", "prod"), ("pipeline", "release")], last_used="2026-11-28T09:16:40+00:00"),
        role(WORKLOAD, "analyst", logs.ANALYST["sessionContext"]["sessionIssuer"]["principalId"], trust_account(WORKLOAD),
             inline=[("ReadReports", doc({"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
                                          "Resource": [f"arn:aws:s3:::{BUCKET}", f"arn:aws:s3:::{BUCKET}/*"]}))],
             tags=[("team", "analytics")]),
        role(WORKLOAD, "intern", logs.INTERN["sessionContext"]["sessionIssuer"]["principalId"], trust_account(WORKLOAD),
             inline=[("InternTasks", doc({"Effect": "Allow", "Action": ["ec2:RunInstances", "s3:GetObject"],
                                          "Resource": "*"}))],
             boundary=intern_boundary["Arn"], tags=[("team", "research"), ("cohort", "2026")]),
        role(WORKLOAD, "builder", logs.BUILDER["sessionContext"]["sessionIssuer"]["principalId"], doc(
                 {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{WORKLOAD}:user/alice"}, "Action": "sts:AssumeRole"}),
             inline=[("BuildFleet", doc({"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}))]),
        role(WORKLOAD, "security-admin", "AROAWORKLOADSECADMIN1", trust_account(MGMT),
             inline=[("AuditTrails", doc({"Effect": "Allow", "Action": "cloudtrail:*", "Resource": "*"}))]),
    ]
    return {"UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles,
            "Policies": [iam_admin, require_mfa, ec2_operator, intern_boundary, s3_read]}


def data_authorization():
    cleanup = role(DATA, "cleanup", logs.CLEANER["sessionContext"]["sessionIssuer"]["principalId"], doc(
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}),
        inline=[("Housekeeping", doc({"Effect": "Allow", "Action": "s3:*", "Resource": "*"}))],
        tags=[("team", "data-platform")])
    return {"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [cleanup], "Policies": []}


def management_authorization():
    admin = role(MGMT, "OrganizationAdmin", "AROAMANAGEMENTADMIN01", trust_account(MGMT),
                 attached=["arn:aws:iam::aws:policy/AdministratorAccess"])
    administrator = managed("aws", "AdministratorAccess", "ANPAIWMBCKSKIEE64ZLYK",
                            doc({"Effect": "Allow", "Action": "*", "Resource": "*"}), 1)
    return {"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [admin], "Policies": [administrator]}


def bucket_policy():
    return doc(
        {"Sid": "AllowWorkloadAccount", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{WORKLOAD}:root"},
         "Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
         "Resource": [f"arn:aws:s3:::{BUCKET}", f"arn:aws:s3:::{BUCKET}/*"]},
        {"Sid": "DenyInternReads", "Effect": "Deny", "Principal": {"AWS": f"arn:aws:iam::{WORKLOAD}:role/intern"},
         "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{BUCKET}/*"},
        {"Sid": "OnlyPipelineAndAliceWrite", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
         "Resource": f"arn:aws:s3:::{BUCKET}/*",
         "Condition": {"StringNotLike": {"aws:userid": [f"{logs.DEPLOY['sessionContext']['sessionIssuer']['principalId']}:*",
                                                         logs.ALICE["principalId"]]}}},
        {"Sid": "ConfidentialOnlyThroughEndpoint", "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
         "Resource": f"arn:aws:s3:::{BUCKET}/confidential/*",
         "Condition": {"StringNotEqualsIfExists": {"aws:SourceVpce": VPCE}}})


def write_accounts(root):
    for account, details in [(MGMT, management_authorization()), (WORKLOAD, workload_authorization()),
                             (DATA, data_authorization())]:
        base = f"{root}/accounts/{account}"
        write(f"{base}/authorization-details.json", details)
        buckets = [{"Name": BUCKET, "CreationDate": "2025-06-11T08:00:00+00:00"}] if account == DATA else []
        write(f"{base}/s3/_buckets.json", {"Buckets": buckets, "Owner": {"ID": f"{int(account):064x}"[-64:]}})
        endpoints = []
        if account == DATA:
            endpoints.append({
                "VpcEndpointId": VPCE, "VpcEndpointType": "Gateway", "VpcId": "vpc-0d4e5f60718a1b2c3",
                "ServiceName": f"com.amazonaws.{REGION}.s3", "State": "available",
                "PolicyDocument": json.dumps(doc({"Sid": "ReadOnlyThroughEndpoint", "Effect": "Allow", "Principal": "*",
                                                  "Action": "s3:GetObject", "Resource": "*"}), indent=4),
                "RouteTableIds": ["rtb-0c3d4e5f60718a1b2"], "SubnetIds": [], "Groups": [], "PrivateDnsEnabled": False,
                "RequesterManaged": False, "NetworkInterfaceIds": [], "DnsEntries": [],
                "CreationTimestamp": "2025-06-11T08:05:00+00:00", "Tags": [{"Key": "Name", "Value": "s3-gateway"}],
                "OwnerId": account})
            write(f"{base}/s3/{BUCKET}.json", {"Policy": compact(bucket_policy())})
        write(f"{base}/vpc-endpoints.json", {"VpcEndpoints": endpoints})
        secrets = [f"arn:aws:secretsmanager:{REGION}:{WORKLOAD}:secret:prod/db/password-Xk29Qa"] if account == WORKLOAD else []
        write(f"{base}/resource-policies/_inventory.json", {"Region": REGION, "Services": {
            "kms": [], "sqs": [], "sns": [], "secretsmanager": secrets, "lambda": [], "ecr": []}})


def write_organization(root):
    base = f"{root}/organization"
    write(f"{base}/describe-organization.json", {"Organization": {
        "Id": ORG, "Arn": f"arn:aws:organizations::{MGMT}:organization/{ORG}", "FeatureSet": "ALL",
        "MasterAccountArn": f"arn:aws:organizations::{MGMT}:account/{ORG}/{MGMT}", "MasterAccountId": MGMT,
        "MasterAccountEmail": "aws-management@example.com",
        "AvailablePolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]}})
    write(f"{base}/roots.json", {"Roots": [{
        "Id": ROOT, "Arn": f"arn:aws:organizations::{MGMT}:root/{ORG}/{ROOT}", "Name": "Root",
        "PolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"},
                        {"Type": "RESOURCE_CONTROL_POLICY", "Status": "ENABLED"}]}]})
    nodes = {ROOT: ("Root", "ROOT", f"root/{ORG}/{ROOT}"),
             PRODUCTION: ("Production", "ORGANIZATIONAL_UNIT", f"ou/{ORG}/{PRODUCTION}"),
             DATA_OU: ("Data", "ORGANIZATIONAL_UNIT", f"ou/{ORG}/{DATA_OU}"),
             MGMT: ("management", "ACCOUNT", f"account/{ORG}/{MGMT}"),
             WORKLOAD: ("workload", "ACCOUNT", f"account/{ORG}/{WORKLOAD}"),
             DATA: ("data", "ACCOUNT", f"account/{ORG}/{DATA}")}
    parents = {PRODUCTION: ROOT, DATA_OU: ROOT, MGMT: ROOT, WORKLOAD: PRODUCTION, DATA: DATA_OU}
    for child, parent in parents.items():
        write(f"{base}/parents/{child}.json", {"Parents": [{"Id": parent, "Type": nodes[parent][1]}]})
    # `aws organizations list-organizational-units-for-parent --parent-id PARENT`, which names the OUs.
    for parent in sorted(set(parents.values())):
        units = [child for child in parents if parents[child] == parent and nodes[child][1] == "ORGANIZATIONAL_UNIT"]
        if units:
            write(f"{base}/organizational-units/{parent}.json", {"OrganizationalUnits": [
                {"Id": unit, "Arn": f"arn:aws:organizations::{MGMT}:{nodes[unit][2]}", "Name": nodes[unit][0]}
                for unit in units]})

    def policy(policy_id, name, description, kind, document, targets, aws_managed=False):
        path = kind.lower()
        arn = (f"arn:aws:organizations::aws:policy/{path}/{policy_id}" if aws_managed
               else f"arn:aws:organizations::{MGMT}:policy/{ORG}/{path}/{policy_id}")
        write(f"{base}/policies/{policy_id}.json", {"Policy": {
            "PolicySummary": {"Id": policy_id, "Arn": arn, "Name": name, "Description": description, "Type": kind,
                              "AwsManaged": aws_managed},
            "Content": json.dumps(document, indent=4) if not aws_managed else compact(document)}})
        write(f"{base}/targets/{policy_id}.json", {"Targets": [
            {"TargetId": t, "Arn": f"arn:aws:organizations::{MGMT}:{nodes[t][2]}", "Name": nodes[t][0], "Type": nodes[t][1]}
            for t in targets]})

    everywhere = list(nodes)
    policy("p-FullAWSAccess", "FullAWSAccess", "Allows access to every operation", "SERVICE_CONTROL_POLICY",
           doc({"Effect": "Allow", "Action": "*", "Resource": "*"}), everywhere, aws_managed=True)
    policy("p-RCPFullAWSAccess", "RCPFullAWSAccess", "Allows access to every resource", "RESOURCE_CONTROL_POLICY",
           doc({"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}), everywhere, aws_managed=True)
    policy("p-7tr41lpr", "ProtectCloudTrail", "Only security-admin may stop or delete trails", "SERVICE_CONTROL_POLICY",
           doc({"Sid": "ProtectTrails", "Effect": "Deny", "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"],
                "Resource": "*", "Condition": {"ArnNotLike": {"aws:PrincipalARN": "arn:aws:iam::*:role/security-admin"}}}),
           [PRODUCTION])
    policy("p-9dk2rcp1", "KeepExampleData", "Nobody deletes objects from example-data", "RESOURCE_CONTROL_POLICY",
           doc({"Sid": "NoDeletes", "Effect": "Deny", "Principal": "*", "Action": "s3:DeleteObject",
                "Resource": f"arn:aws:s3:::{BUCKET}/*"}), [DATA])


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "SampleSnapshot"
    shutil.rmtree(root, ignore_errors=True)
    write_accounts(root)
    write_organization(root)


if __name__ == "__main__":
    main()
