#!/usr/bin/env python3
"""Writes SampleLogs/AWSLogs: a small CloudTrail archive in the S3 delivery layout.

The records follow the scenarios of AWS's "Troubleshoot access denied error messages" guide, one per policy
layer, so that the sample (with the snapshot that issue 4 adds beside it) exercises every layer:

  identity Deny, MFA enforcement (NotAction + BoolIfExists), ForAllValues:StringNotLike aws:TagKeys with
  StringEquals ec2:InstanceType, a bucket policy denying a role, a bucket policy on aws:userid, a bucket
  policy on aws:SourceVpce, a VPC endpoint policy, a permissions boundary, an SCP with an ArnNotLike
  exception, an RCP, a session policy from an AssumeRole record, an implicit deny, and a record the
  snapshot cannot explain.

Around them sit ordinary successful calls, an authentication failure (not a candidate), an error record
whose requestParameters carry a nested "errorCode": "AccessDenied" (not a candidate either), a record
delivered twice, a digest file, an Insights file and an organization-trail file.

Output is deterministic: fixed eventIDs, gzip with mtime 0. Run from the repository root:
    python3 Scripts/make-sample-logs.py
"""

import gzip
import io
import json
import os
import shutil

ORG = "o-a1b2c3d4e5"
MGMT = "111111111111"
WORKLOAD = "222233334444"
DATA = "555566667777"
REGION = "us-east-1"
DAY = "2026/11/28"


def uid(n):
    return f"5a3c0d2e-1b4f-4c6a-9e8d-{n:012x}"


def req(n):
    return f"R{n:03d}EXAMPLE{n * 7919 % 100000:05d}"


def iam_user(account, name, key="AKIAIOSFODNN7EXAMPLE", principal="AIDACKCEVSQ6C2EXAMPLE"):
    return {
        "type": "IAMUser",
        "principalId": principal,
        "arn": f"arn:aws:iam::{account}:user/{name}",
        "accountId": account,
        "accessKeyId": key,
        "userName": name,
    }


def assumed_role(account, role, session, key, role_id, mfa="false", created="2026-11-28T08:55:00Z", path="/"):
    return {
        "type": "AssumedRole",
        "principalId": f"{role_id}:{session}",
        "arn": f"arn:aws:sts::{account}:assumed-role/{role}/{session}",
        "accountId": account,
        "accessKeyId": key,
        "sessionContext": {
            "sessionIssuer": {
                "type": "Role",
                "principalId": role_id,
                "arn": f"arn:aws:iam::{account}:role{path}{role}",
                "accountId": account,
                "userName": role,
            },
            "attributes": {"creationDate": created, "mfaAuthenticated": mfa},
        },
    }


def event(n, time, identity, source, name, *, region=REGION, account=None, ip="198.51.100.24",
          params=None, response=None, error=None, message=None, resources=None, vpce=None, read_only=False,
          agent="aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/linux#6.1 md/arch#x86_64 lang/python#3.12.6",
          extra=None, category="Management"):
    rec = {
        "eventVersion": "1.09",
        "userIdentity": identity,
        "eventTime": time,
        "eventSource": source,
        "eventName": name,
        "awsRegion": region,
        "sourceIPAddress": ip,
        "userAgent": agent,
    }
    if error:
        rec["errorCode"] = error
        rec["errorMessage"] = message
    rec["requestParameters"] = params
    rec["responseElements"] = response
    rec["requestID"] = req(n)
    rec["eventID"] = uid(n)
    rec["readOnly"] = read_only
    if resources:
        rec["resources"] = resources
    rec["eventType"] = "AwsApiCall"
    rec["managementEvent"] = category == "Management"
    rec["recipientAccountId"] = account or identity.get("accountId", WORKLOAD)
    if vpce:
        rec["vpcEndpointId"] = vpce
        rec["vpcEndpointAccountId"] = account or identity.get("accountId", WORKLOAD)
    rec["eventCategory"] = category
    rec["tlsDetails"] = {
        "tlsVersion": "TLSv1.3",
        "cipherSuite": "TLS_AES_128_GCM_SHA256",
        "clientProvidedHostHeader": f"{source.split('.')[0]}.{region}.amazonaws.com",
    }
    if extra:
        rec.update(extra)
    return rec


ALICE = iam_user(WORKLOAD, "alice", "AKIAWORKLOADALICE001", "AIDAWORKLOADALICE0001")
BOB = iam_user(WORKLOAD, "bob", "AKIAWORKLOADBOB00001", "AIDAWORKLOADBOB000001")
CAROL = iam_user(WORKLOAD, "carol", "AKIAWORKLOADCAROL001", "AIDAWORKLOADCAROL0001")
DEPLOY = assumed_role(WORKLOAD, "deploy", "ci-run-4711", "ASIAWORKLOADDEPLOY01", "AROAWORKLOADDEPLOY001")
ANALYST = assumed_role(WORKLOAD, "analyst", "dana", "ASIAWORKLOADANALYST1", "AROAWORKLOADANALYST01")
INTERN = assumed_role(WORKLOAD, "intern", "erin", "ASIAWORKLOADINTERN01", "AROAWORKLOADINTERN001")
BUILDER = assumed_role(WORKLOAD, "builder", "nightly", "ASIAWORKLOADBUILDER1", "AROAWORKLOADBUILDER01")
CLEANER = assumed_role(DATA, "cleanup", "sweeper", "ASIADATACLEANUP00001", "AROADATACLEANUP000001")


def ec2_unauthorized(arn, action, resource, reason):
    return (f"You are not authorized to perform this operation. User: {arn} is not authorized to perform: "
            f"{action} on resource: {resource} {reason}. Encoded authorization failure message: "
            "7H2rK9fQeXAMPLEencodedMESSAGEd0n0tDEC0DEme")


def workload_records():
    """Calls made in the workload account (delivered under its own prefix)."""
    r = []
    # Ordinary successful calls.
    r.append(event(1, "2026-11-28T09:00:12Z", ALICE, "s3.amazonaws.com", "ListBuckets", read_only=True,
                   params={"Host": "s3.amazonaws.com"}, response=None,
                   extra={"additionalEventData": {"SignatureVersion": "SigV4", "bytesTransferredIn": 0}}))
    r.append(event(2, "2026-11-28T09:00:40Z", DEPLOY, "ec2.amazonaws.com", "DescribeInstances", read_only=True,
                   params={"instancesSet": {}, "filterSet": {"items": [{"name": "tag:env", "valueSet": {"items": [{"value": "prod"}]}}]}}))
    # 1. Identity-based policy with an explicit Deny.
    r.append(event(3, "2026-11-28T09:01:05Z", ALICE, "iam.amazonaws.com", "DeleteRole", error="AccessDenied",
                   message=f"User: {ALICE['arn']} is not authorized to perform: iam:DeleteRole on resource: "
                           f"role prod-app with an explicit deny in an identity-based policy",
                   params={"roleName": "prod-app"}))
    # 2. MFA enforcement: NotAction + BoolIfExists aws:MultiFactorAuthPresent (long-term keys, no MFA).
    r.append(event(4, "2026-11-28T09:02:17Z", BOB, "ec2.amazonaws.com", "StopInstances",
                   error="Client.UnauthorizedOperation",
                   message=ec2_unauthorized(BOB["arn"], "ec2:StopInstances",
                                            f"arn:aws:ec2:{REGION}:{WORKLOAD}:instance/i-0abc1234def567890",
                                            "with an explicit deny in an identity-based policy"),
                   params={"instancesSet": {"items": [{"instanceId": "i-0abc1234def567890"}]}, "force": False}))
    # 3. ForAllValues:StringNotLike aws:TagKeys AND StringEquals ec2:InstanceType.
    r.append(event(5, "2026-11-28T09:03:30Z", CAROL, "ec2.amazonaws.com", "RunInstances",
                   error="Client.UnauthorizedOperation",
                   message=ec2_unauthorized(CAROL["arn"], "ec2:RunInstances",
                                            f"arn:aws:ec2:{REGION}:{WORKLOAD}:instance/*",
                                            "with an explicit deny in an identity-based policy"),
                   params={"instancesSet": {"items": [{"imageId": "ami-0abcdef1234567890", "minCount": 1, "maxCount": 1}]},
                           "instanceType": "t2.micro", "blockDeviceMapping": {}, "monitoring": {"enabled": False},
                           "disableApiTermination": False, "disableApiStop": False, "clientToken": "token-5",
                           "tagSpecificationSet": {"items": [{"resourceType": "instance", "tags": [
                               {"key": "Name", "value": "scratch"}, {"key": "owner", "value": "carol"}]}]}}))
    # 8. Permissions boundary denies ec2:* while the identity policy allows RunInstances.
    r.append(event(6, "2026-11-28T09:05:44Z", INTERN, "ec2.amazonaws.com", "RunInstances",
                   error="Client.UnauthorizedOperation",
                   message=ec2_unauthorized(INTERN["arn"], "ec2:RunInstances",
                                            f"arn:aws:ec2:{REGION}:{WORKLOAD}:instance/*",
                                            "with an explicit deny in a permissions boundary"),
                   params={"instancesSet": {"items": [{"imageId": "ami-0abcdef1234567890", "minCount": 1, "maxCount": 1}]},
                           "instanceType": "m5.large"}))
    # 11. Session policy: the AssumeRole record carries it, the later call is denied by it.
    r.append(event(7, "2026-11-28T09:06:00Z", ALICE, "sts.amazonaws.com", "AssumeRole",
                   params={"roleArn": f"arn:aws:iam::{WORKLOAD}:role/builder", "roleSessionName": "nightly",
                           "durationSeconds": 3600,
                           "policy": json.dumps({"Version": "2012-10-17", "Statement": [
                               {"Sid": "NoNewInstances", "Effect": "Deny", "Action": "ec2:RunInstances", "Resource": "*"},
                               {"Sid": "EverythingElse", "Effect": "Allow", "Action": "*", "Resource": "*"}]})},
                   response={"credentials": {"accessKeyId": BUILDER["accessKeyId"], "sessionToken": "IQoJb3JpZ2luX2VjEXAMPLE",
                                             "expiration": "Nov 28, 2026, 10:06:00 AM"},
                             "assumedRoleUser": {"assumedRoleId": BUILDER["principalId"], "arn": BUILDER["arn"]},
                             "packedPolicySize": 14},
                   resources=[{"accountId": WORKLOAD, "type": "AWS::IAM::Role", "ARN": f"arn:aws:iam::{WORKLOAD}:role/builder"}]))
    r.append(event(8, "2026-11-28T09:07:12Z", BUILDER, "ec2.amazonaws.com", "RunInstances",
                   error="Client.UnauthorizedOperation",
                   message=ec2_unauthorized(BUILDER["arn"], "ec2:RunInstances",
                                            f"arn:aws:ec2:{REGION}:{WORKLOAD}:instance/*",
                                            "with an explicit deny in a session policy"),
                   params={"instancesSet": {"items": [{"imageId": "ami-0abcdef1234567890", "minCount": 1, "maxCount": 1}]},
                           "instanceType": "c5.xlarge"}))
    # 9. SCP Deny with an ArnNotLike exception on aws:PrincipalARN, attached to the Production OU.
    r.append(event(9, "2026-11-28T09:08:21Z", DEPLOY, "cloudtrail.amazonaws.com", "StopLogging",
                   error="AccessDenied",
                   message=f"User: {DEPLOY['arn']} is not authorized to perform: cloudtrail:StopLogging on resource: "
                           f"arn:aws:cloudtrail:{REGION}:{WORKLOAD}:trail/org-trail with an explicit deny in a service control policy",
                   params={"name": f"arn:aws:cloudtrail:{REGION}:{WORKLOAD}:trail/org-trail"}))
    # 12. Implicit deny: nothing allows the analyst to read the secret.
    r.append(event(10, "2026-11-28T09:09:02Z", ANALYST, "secretsmanager.amazonaws.com", "GetSecretValue",
                   error="AccessDeniedException",
                   message=f"User: {ANALYST['arn']} is not authorized to perform: secretsmanager:GetSecretValue on resource: "
                           f"prod/db/password because no identity-based policy allows the secretsmanager:GetSecretValue action",
                   params={"secretId": "prod/db/password"}))
    # An authentication failure: not an authorization failure, never a candidate.
    r.append(event(11, "2026-11-28T09:09:40Z", {"type": "AWSAccount", "accountId": WORKLOAD, "accessKeyId": "AKIAOLDROTATEDKEY001"},
                   "sts.amazonaws.com", "GetCallerIdentity", error="InvalidClientTokenId",
                   message="The security token included in the request is invalid.", read_only=True))
    # An error whose requestParameters carry a nested errorCode: must not be selected.
    r.append(event(12, "2026-11-28T09:10:03Z", DEPLOY, "lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2",
                   error="ResourceConflictException", message="The operation cannot be performed at this time.",
                   params={"functionName": "ingest", "environment": {"variables": {"errorCode": "AccessDenied",
                           "note": "braces } and quotes \" inside strings {[]}"}}}))
    # 13. A record the snapshot cannot explain: a service whose resource policy is not in the snapshot.
    r.append(event(13, "2026-11-28T09:11:15Z", DEPLOY, "kinesis.amazonaws.com", "PutRecord",
                   error="AccessDeniedException",
                   message=f"User: {DEPLOY['arn']} is not authorized to perform: kinesis:PutRecord on resource: "
                           f"arn:aws:kinesis:{REGION}:{DATA}:stream/clickstream because no resource-based policy allows the kinesis:PutRecord action",
                   params={"streamName": "clickstream", "partitionKey": "p-1", "streamARN": f"arn:aws:kinesis:{REGION}:{DATA}:stream/clickstream"},
                   category="Data"))
    return r


def data_records():
    """Calls recorded in the data account (the bucket owner), including cross-account ones."""
    r = []
    r.append(event(20, "2026-11-28T09:12:00Z", ANALYST, "s3.amazonaws.com", "GetObject", account=DATA, read_only=True,
                   params={"bucketName": "example-data", "Host": "example-data.s3.us-east-1.amazonaws.com", "key": "reports/2026-11.csv"},
                   resources=[{"type": "AWS::S3::Object", "ARN": "arn:aws:s3:::example-data/reports/2026-11.csv"},
                              {"accountId": DATA, "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::example-data"}],
                   category="Data",
                   extra={"additionalEventData": {"SignatureVersion": "SigV4", "CipherSuite": "TLS_AES_128_GCM_SHA256",
                                                  "bytesTransferredIn": 0, "AuthenticationMethod": "AuthHeader",
                                                  "x-amz-id-2": "EXAMPLE+id2==", "bytesTransferredOut": 5120}}))

    def s3_denied(n, time, who, action, key, reason, vpce=None, ip="198.51.100.24"):
        name = {"s3:GetObject": "GetObject", "s3:PutObject": "PutObject", "s3:DeleteObject": "DeleteObject"}[action]
        return event(n, time, who, "s3.amazonaws.com", name, account=DATA, error="AccessDenied",
                     message=f"User: {who['arn']} is not authorized to perform: {action} on resource: "
                             f"\"arn:aws:s3:::example-data/{key}\" {reason}",
                     params={"bucketName": "example-data", "Host": "example-data.s3.us-east-1.amazonaws.com", "key": key},
                     resources=[{"type": "AWS::S3::Object", "ARN": f"arn:aws:s3:::example-data/{key}"},
                                {"accountId": DATA, "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::example-data"}],
                     vpce=vpce, ip=ip, category="Data", read_only=action == "s3:GetObject",
                     extra={"additionalEventData": {"SignatureVersion": "SigV4", "AuthenticationMethod": "AuthHeader",
                                                    "bytesTransferredIn": 0}})

    # 4. A bucket policy denying a role.
    r.append(s3_denied(21, "2026-11-28T09:13:10Z", INTERN, "s3:GetObject", "reports/2026-11.csv",
                       "with an explicit deny in a resource-based policy"))
    # 5. A bucket policy denying unless aws:userid is in a list.
    r.append(s3_denied(22, "2026-11-28T09:14:20Z", CAROL, "s3:PutObject", "uploads/carol.txt",
                       "with an explicit deny in a resource-based policy"))
    # 6. A bucket policy denying outside a VPC endpoint (StringNotEqualsIfExists aws:SourceVpce).
    r.append(s3_denied(23, "2026-11-28T09:15:30Z", DEPLOY, "s3:GetObject", "confidential/plan.pdf",
                       "with an explicit deny in a resource-based policy"))
    # 7. A VPC endpoint policy that does not allow PutObject through the endpoint.
    r.append(s3_denied(24, "2026-11-28T09:16:40Z", DEPLOY, "s3:PutObject", "staging/build.tar.gz",
                       "because no VPC endpoint policy allows the s3:PutObject action", vpce="vpce-0a1b2c3d4e5f60718",
                       ip="10.0.12.34"))
    r[-1]["errorCode"] = "VpceAccessDenied"
    # 10. An RCP denying s3:DeleteObject.
    r.append(s3_denied(25, "2026-11-28T09:17:50Z", CLEANER, "s3:DeleteObject", "reports/2026-10.csv",
                       "with an explicit deny in a resource control policy"))
    return r


def member_records():
    """An organization trail delivers the data account's management events under the org prefix."""
    return [event(30, "2026-11-28T09:20:00Z", CLEANER, "sts.amazonaws.com", "GetCallerIdentity", account=DATA,
                  read_only=True)]


def envelope(records):
    return json.dumps({"Records": records}, separators=(",", ":")).encode()


def write_gz(path, payload):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=6, mtime=0, filename="") as handle:
        handle.write(payload)
    with open(path, "wb") as out:
        out.write(buffer.getvalue())


def log_path(root, account, stamp, suffix, org=None):
    prefix = f"AWSLogs/{org}/{account}" if org else f"AWSLogs/{account}"
    return f"{root}/{prefix}/CloudTrail/{REGION}/{DAY}/{account}_CloudTrail_{REGION}_{stamp}_{suffix}.json.gz"


def main():
    root = "SampleLogs"
    shutil.rmtree(f"{root}/AWSLogs", ignore_errors=True)
    workload = workload_records()
    # CloudTrail delivers in batches of about five minutes; split the workload calls in two files.
    write_gz(log_path(root, WORKLOAD, "20261128T0905Z", "Wk1a2B3c4D5e6F7g"), envelope(workload[:6]))
    # The second batch repeats the last record of the first: a duplicate delivery.
    write_gz(log_path(root, WORKLOAD, "20261128T0915Z", "Wk8h9I0j1K2l3M4n"), envelope(workload[5:]))
    write_gz(log_path(root, DATA, "20261128T0920Z", "Dt5o6P7q8R9s0T1u"), envelope(data_records()))
    write_gz(log_path(root, DATA, "20261128T0925Z", "Or2v3W4x5Y6z7A8b", org=ORG), envelope(member_records()))
    digest = {"awsAccountId": WORKLOAD, "digestStartTime": "2026-11-28T08:20:00Z", "digestEndTime": "2026-11-28T09:20:00Z",
              "digestS3Bucket": "example-trail-bucket", "logFiles": []}
    write_gz(f"{root}/AWSLogs/{WORKLOAD}/CloudTrail-Digest/{REGION}/{DAY}/"
             f"{WORKLOAD}_CloudTrail-Digest_{REGION}_org-trail_{REGION}_20261128T092000Z.json.gz",
             json.dumps(digest, separators=(",", ":")).encode())
    insight = {"Records": [{"eventVersion": "1.08", "eventType": "AwsCloudTrailInsight", "eventCategory": "Insight",
                            "eventID": uid(99), "eventTime": "2026-11-28T09:00:00Z", "awsRegion": REGION,
                            "eventSource": "ec2.amazonaws.com", "eventName": "RunInstances",
                            "insightDetails": {"state": "Start", "insightType": "ApiErrorRateInsight"}}]}
    write_gz(f"{root}/AWSLogs/{WORKLOAD}/CloudTrail-Insight/{REGION}/{DAY}/"
             f"{WORKLOAD}_CloudTrail-Insight_{REGION}_20261128T0900Z_In9c0D1e2F3g4H5i.json.gz",
             json.dumps(insight, separators=(",", ":")).encode())


if __name__ == "__main__":
    main()
