#!/usr/bin/env python3
"""Write a policy snapshot covering the principals, accounts and buckets of a benchmark archive.

    python3 Scripts/make-bench-snapshot.py FAILURES.jsonl OUT_DIR

FAILURES.jsonl is what `trailreplay extract` wrote for the archive (one authorization failure per line). The
snapshot gives every IAM user and role seen in those records an identity policy (broad allows with a few denies,
and a permissions boundary on the application roles), every bucket a policy, every VPC endpoint a policy, and
puts the accounts in an organization with an SCP and an RCP, so that `analyze` evaluates every layer for real,
in the layout of Scripts/collect-snapshot (the AWS CLI's JSON).
"""

import json
import os
import sys
from collections import defaultdict

CREATED = "2025-01-01T00:00:00+00:00"
ORG, ROOT, OU, MGMT = "o-bench00001", "r-bn01", "ou-bn01-workloads", "000000000001"


def doc(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def write(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as out:
        json.dump(value, out, indent=4)
        out.write("\n")


WORKLOAD = doc(
    {"Sid": "Workloads", "Effect": "Allow", "Resource": "*",
     "Action": ["s3:*", "dynamodb:*", "sqs:*", "sns:*", "lambda:*", "logs:*", "ssm:Get*", "kms:Decrypt",
                "kms:GenerateDataKey*", "ec2:Describe*", "ecs:*", "ecr:*", "cloudwatch:*", "secretsmanager:GetSecretValue"]},
    {"Sid": "NoIdentityChanges", "Effect": "Deny", "Action": ["iam:Create*", "iam:Delete*", "iam:Put*", "iam:Attach*"],
     "Resource": "*"},
    {"Sid": "ProductionNeedsMFA", "Effect": "Deny", "Action": ["ec2:TerminateInstances", "ec2:StopInstances"],
     "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}})
BOUNDARY = doc(
    {"Sid": "Everything", "Effect": "Allow", "Action": "*", "Resource": "*"},
    {"Sid": "NoKeyAdministration", "Effect": "Deny", "Action": ["kms:ScheduleKeyDeletion", "kms:PutKeyPolicy"],
     "Resource": "*"})


def managed(account, name, document):
    return {"PolicyName": name, "PolicyId": "ANPA" + name.upper()[:17].ljust(17, "X"),
            "Arn": f"arn:aws:iam::{account}:policy/{name}", "Path": "/", "DefaultVersionId": "v1",
            "AttachmentCount": 1, "PermissionsBoundaryUsageCount": 0, "IsAttachable": True,
            "CreateDate": CREATED, "UpdateDate": CREATED,
            "PolicyVersionList": [{"Document": document, "VersionId": "v1", "IsDefaultVersion": True,
                                   "CreateDate": CREATED}]}


def attached(account, names):
    return [{"PolicyName": n, "PolicyArn": f"arn:aws:iam::{account}:policy/{n}"} for n in names]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, out = sys.argv[1], sys.argv[2]
    accounts = set()
    users = defaultdict(dict)     # account -> name -> unique id
    roles = defaultdict(dict)     # account -> name -> (path, unique id)
    buckets = defaultdict(set)    # account -> bucket names
    endpoints = defaultdict(set)  # account -> vpce ids
    with open(source) as lines:
        for line in lines:
            record = json.loads(line)
            identity = record.get("userIdentity") or {}
            account = record.get("recipientAccountId")
            if account:
                accounts.add(account)
            if identity.get("type") == "IAMUser" and identity.get("accountId") and identity.get("userName"):
                users[identity["accountId"]][identity["userName"]] = identity.get("principalId", "AIDAUNKNOWN")
            issuer = (identity.get("sessionContext") or {}).get("sessionIssuer") or {}
            if issuer.get("type") == "Role" and issuer.get("arn", "").count(":") == 5:
                role_path = issuer["arn"].split(":", 5)[5][len("role"):]
                path, name = role_path.rsplit("/", 1)
                roles[issuer["accountId"]][name] = (path + "/", issuer.get("principalId", "AROAUNKNOWN"))
            parameters = record.get("requestParameters")
            if isinstance(parameters, dict) and isinstance(parameters.get("bucketName"), str) and account:
                buckets[account].add(parameters["bucketName"])
            if record.get("vpcEndpointId") and account:
                endpoints[account].add(record["vpcEndpointId"])
    accounts |= set(users) | set(roles)
    for account in sorted(accounts):
        base = f"{out}/accounts/{account}"
        details = {
            "UserDetailList": [
                {"Path": "/", "UserName": name, "UserId": uid, "Arn": f"arn:aws:iam::{account}:user/{name}",
                 "CreateDate": CREATED, "UserPolicyList": [], "GroupList": [],
                 "AttachedManagedPolicies": attached(account, ["BenchWorkload"])}
                for name, uid in sorted(users[account].items())],
            "GroupDetailList": [],
            "RoleDetailList": [],
            "Policies": [managed(account, "BenchWorkload", WORKLOAD), managed(account, "BenchBoundary", BOUNDARY)],
        }
        for name, (path, uid) in sorted(roles[account].items()):
            role = {"Path": path, "RoleName": name, "RoleId": uid, "Arn": f"arn:aws:iam::{account}:role{path}{name}",
                    "CreateDate": CREATED, "InstanceProfileList": [], "RolePolicyList": [],
                    "AssumeRolePolicyDocument": doc({"Effect": "Allow", "Action": "sts:AssumeRole",
                                                     "Principal": {"AWS": f"arn:aws:iam::{account}:root"}}),
                    "AttachedManagedPolicies": attached(account, ["BenchWorkload"]), "RoleLastUsed": {}}
            if path == "/service-role/":
                role["PermissionsBoundary"] = {"PermissionsBoundaryType": "PermissionsBoundaryPolicy",
                                               "PermissionsBoundaryArn": f"arn:aws:iam::{account}:policy/BenchBoundary"}
            details["RoleDetailList"].append(role)
        write(f"{base}/authorization-details.json", details)
        write(f"{base}/s3/_buckets.json", {"Buckets": [{"Name": b, "CreationDate": CREATED} for b in sorted(buckets[account])],
                                           "Owner": {"ID": f"{int(account):064x}"[-64:]}})
        for bucket in sorted(buckets[account]):
            write(f"{base}/s3/{bucket}.json", {"Policy": json.dumps(doc(
                {"Sid": "AccountAccess", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
                 "Action": "s3:*", "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"]},
                {"Sid": "TLSOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                 "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
                 "Condition": {"Bool": {"aws:SecureTransport": "false"}}}))})
        write(f"{base}/vpc-endpoints.json", {"VpcEndpoints": [
            {"VpcEndpointId": e, "VpcEndpointType": "Gateway", "VpcId": "vpc-0bench" + account[-8:],
             "ServiceName": "com.amazonaws.us-east-1.s3", "State": "available", "OwnerId": account,
             "PolicyDocument": json.dumps(doc({"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}))}
            for e in sorted(endpoints[account])]})
        write(f"{base}/resource-policies/_inventory.json", {"Region": "us-east-1", "Services": {}})
    org = f"{out}/organization"
    write(f"{org}/describe-organization.json", {"Organization": {
        "Id": ORG, "Arn": f"arn:aws:organizations::{MGMT}:organization/{ORG}", "FeatureSet": "ALL",
        "MasterAccountArn": f"arn:aws:organizations::{MGMT}:account/{ORG}/{MGMT}", "MasterAccountId": MGMT}})
    write(f"{org}/roots.json", {"Roots": [{"Id": ROOT, "Arn": f"arn:aws:organizations::{MGMT}:root/{ORG}/{ROOT}",
        "Name": "Root", "PolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"},
                                        {"Type": "RESOURCE_CONTROL_POLICY", "Status": "ENABLED"}]}]})
    write(f"{org}/parents/{OU}.json", {"Parents": [{"Id": ROOT, "Type": "ROOT"}]})
    for account in sorted(accounts):
        write(f"{org}/parents/{account}.json", {"Parents": [{"Id": OU, "Type": "ORGANIZATIONAL_UNIT"}]})
    targets = [ROOT, OU] + sorted(accounts)

    def policy(policy_id, kind, document, where, aws_managed=False):
        path = kind.lower()
        arn = (f"arn:aws:organizations::aws:policy/{path}/{policy_id}" if aws_managed
               else f"arn:aws:organizations::{MGMT}:policy/{ORG}/{path}/{policy_id}")
        write(f"{org}/policies/{policy_id}.json", {"Policy": {
            "PolicySummary": {"Id": policy_id, "Arn": arn, "Name": policy_id, "Type": kind, "AwsManaged": aws_managed},
            "Content": json.dumps(document)}})
        write(f"{org}/targets/{policy_id}.json", {"Targets": [{"TargetId": t, "Type": (
            "ROOT" if t == ROOT else "ORGANIZATIONAL_UNIT" if t == OU else "ACCOUNT")} for t in where]})

    policy("p-FullAWSAccess", "SERVICE_CONTROL_POLICY", doc({"Effect": "Allow", "Action": "*", "Resource": "*"}),
           targets, aws_managed=True)
    policy("p-RCPFullAWSAccess", "RESOURCE_CONTROL_POLICY",
           doc({"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}), targets, aws_managed=True)
    policy("p-benchscp1", "SERVICE_CONTROL_POLICY", doc(
        {"Sid": "ProtectTrails", "Effect": "Deny", "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"],
         "Resource": "*"},
        {"Sid": "ApprovedRegions", "Effect": "Deny", "NotAction": ["iam:*", "sts:*", "organizations:*"],
         "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["us-east-1", "us-west-2", "eu-west-1"]}}}),
           [OU])
    policy("p-benchrcp1", "RESOURCE_CONTROL_POLICY", doc(
        {"Sid": "NoForeignPrincipals", "Effect": "Deny", "Principal": "*", "Action": ["s3:*", "kms:*", "sqs:*"],
         "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": ORG},
                                        "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}}}),
           [OU])
    print(f"snapshot: {len(accounts)} accounts, {sum(len(u) for u in users.values())} users, "
          f"{sum(len(r) for r in roles.values())} roles, {sum(len(b) for b in buckets.values())} buckets, "
          f"{sum(len(e) for e in endpoints.values())} endpoints", file=sys.stderr)


if __name__ == "__main__":
    main()
