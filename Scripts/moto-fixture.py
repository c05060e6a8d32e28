#!/usr/bin/env python3
"""Builds a small AWS organization in a moto server, through real API calls, for the snapshot tests.

    python3 Scripts/moto-fixture.py http://127.0.0.1:PORT

Creates an organization (management account = the caller), OUs Production → Apps, a workload account in Apps
and a data account under the root; SCPs on Production and on the workload account; an RCP on the data account
(when the server supports RCPs); IAM users, a group, roles with a permissions boundary, tags, inline and
managed policies in the workload account; a VPC endpoint with a policy; buckets with and without policies,
an SQS queue, a KMS key with an alias, a secret, an ECR repository and an SNS topic (moto's default topic
policy) with resource policies in the data account.

Member accounts are reached the way an administrator would: sts:AssumeRole into OrganizationAccountAccessRole.
Prints one JSON object on stdout: the ids the tests need and `unsupported`, what the server refused.
"""

import json
import sys

import boto3
from botocore.config import Config

ENDPOINT = sys.argv[1]
REGION = "us-east-1"
unsupported = []


def doc(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def client(service, credentials=None):
    keys = credentials or {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
    return boto3.client(service, endpoint_url=ENDPOINT, region_name=REGION,
                        config=Config(retries={"max_attempts": 1, "mode": "standard"}), **keys)


def try_call(what, call):
    try:
        return call()
    except Exception as error:  # the server's refusal is the finding
        reason = "the server failed (not implemented)" if "Internal Server Error" in str(error) else str(error)
        unsupported.append(f"{what}: {reason}"[:300])
        return None


def member(account):
    creds = client("sts").assume_role(RoleArn=f"arn:aws:iam::{account}:role/OrganizationAccountAccessRole",
                                      RoleSessionName="fixture")["Credentials"]
    return {"aws_access_key_id": creds["AccessKeyId"], "aws_secret_access_key": creds["SecretAccessKey"],
            "aws_session_token": creds["SessionToken"]}


def build_organization(out):
    org = client("organizations")
    out["organization"] = org.create_organization(FeatureSet="ALL")["Organization"]["Id"]
    out["management"] = client("sts").get_caller_identity()["Account"]
    root = org.list_roots()["Roots"][0]["Id"]
    out["root"] = root
    production = org.create_organizational_unit(ParentId=root, Name="Production")["OrganizationalUnit"]["Id"]
    apps = org.create_organizational_unit(ParentId=production, Name="Apps")["OrganizationalUnit"]["Id"]
    out["production"], out["apps"] = production, apps
    workload = org.create_account(Email="workload@example.com", AccountName="workload")["CreateAccountStatus"]["AccountId"]
    data = org.create_account(Email="data@example.com", AccountName="data")["CreateAccountStatus"]["AccountId"]
    org.move_account(AccountId=workload, SourceParentId=root, DestinationParentId=apps)
    out["workload"], out["data"] = workload, data

    stop = org.create_policy(Name="DenyStopLogging", Description="protect trails", Type="SERVICE_CONTROL_POLICY",
                             Content=doc({"Effect": "Deny", "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"],
                                          "Resource": "*", "Condition": {"ArnNotLike": {
                                              "aws:PrincipalARN": "arn:aws:iam::*:role/security-admin"}}}))
    org.attach_policy(PolicyId=stop["Policy"]["PolicySummary"]["Id"], TargetId=production)
    leave = org.create_policy(Name="DenyLeave", Description="stay", Type="SERVICE_CONTROL_POLICY",
                              Content=doc({"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}))
    org.attach_policy(PolicyId=leave["Policy"]["PolicySummary"]["Id"], TargetId=workload)
    out["scp_production"] = stop["Policy"]["PolicySummary"]["Arn"]
    out["scp_workload"] = leave["Policy"]["PolicySummary"]["Arn"]

    out["rcp"] = None
    if try_call("organizations EnablePolicyType RESOURCE_CONTROL_POLICY",
                lambda: org.enable_policy_type(RootId=root, PolicyType="RESOURCE_CONTROL_POLICY")) is not None:
        rcp = try_call("organizations CreatePolicy RESOURCE_CONTROL_POLICY", lambda: org.create_policy(
            Name="DenyDeleteData", Description="keep data", Type="RESOURCE_CONTROL_POLICY",
            Content=doc({"Effect": "Deny", "Principal": "*", "Action": "s3:DeleteObject",
                         "Resource": "arn:aws:s3:::example-data/*"})))
        if rcp:
            org.attach_policy(PolicyId=rcp["Policy"]["PolicySummary"]["Id"], TargetId=data)
            out["rcp"] = rcp["Policy"]["PolicySummary"]["Arn"]


def build_workload(out):
    creds = member(out["workload"])
    iam = client("iam", creds)
    account = out["workload"]
    boundary = iam.create_policy(PolicyName="NoEC2Boundary", PolicyDocument=doc(
        {"Effect": "Allow", "Action": "*", "Resource": "*"},
        {"Effect": "Deny", "Action": "ec2:*", "Resource": "*"}))["Policy"]["Arn"]
    allow_iam = iam.create_policy(PolicyName="AllowIAM", Path="/team/", PolicyDocument=doc(
        {"Effect": "Allow", "Action": "iam:*", "Resource": "*"}))["Policy"]["Arn"]
    # A second version becomes the default: the snapshot must use it, not v1.
    iam.create_policy_version(PolicyArn=allow_iam, SetAsDefault=True, PolicyDocument=doc(
        {"Sid": "V2", "Effect": "Allow", "Action": "iam:*", "Resource": "*"}))
    out["boundary"], out["allow_iam"] = boundary, allow_iam

    iam.create_group(GroupName="developers")
    iam.put_group_policy(GroupName="developers", PolicyName="ReadBuckets", PolicyDocument=doc(
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}))
    aws_managed = "arn:aws:iam::aws:policy/ReadOnlyAccess"
    out["aws_managed"] = aws_managed if try_call("iam AttachGroupPolicy AWS managed policy (needs MOTO_IAM_LOAD_MANAGED_POLICIES)",
        lambda: iam.attach_group_policy(GroupName="developers", PolicyArn=aws_managed)) is not None else None

    iam.create_user(UserName="alice", Tags=[{"Key": "team", "Value": "platform"}])
    iam.put_user_policy(UserName="alice", PolicyName="NoRoleDeletion", PolicyDocument=doc(
        {"Effect": "Deny", "Action": "iam:DeleteRole", "Resource": "*"}))
    iam.attach_user_policy(UserName="alice", PolicyArn=allow_iam)
    iam.add_user_to_group(GroupName="developers", UserName="alice")
    out["user_boundary"] = try_call("iam PutUserPermissionsBoundary",
        lambda: iam.put_user_permissions_boundary(UserName="alice", PermissionsBoundary=boundary)) is not None
    iam.create_user(UserName="bob", Path="/contractors/")

    trust = doc({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:root"}, "Action": "sts:AssumeRole"})
    deploy = iam.create_role(RoleName="deploy", Path="/ci/", AssumeRolePolicyDocument=trust,
                             Tags=[{"Key": "env", "Value": "prod"}, {"Key": "cost-center", "Value": "cc-42"}])["Role"]
    iam.put_role_policy(RoleName="deploy", PolicyName="Deploy", PolicyDocument=doc(
        {"Effect": "Allow", "Action": ["s3:*", "cloudtrail:*"], "Resource": "*"}))
    intern = iam.create_role(RoleName="intern", AssumeRolePolicyDocument=trust, PermissionsBoundary=boundary)["Role"]
    iam.put_role_policy(RoleName="intern", PolicyName="Launch", PolicyDocument=doc(
        {"Effect": "Allow", "Action": ["ec2:RunInstances", "s3:GetObject"], "Resource": "*"}))
    iam.attach_role_policy(RoleName="intern", PolicyArn=allow_iam)
    out["deploy_id"], out["intern_id"] = deploy["RoleId"], intern["RoleId"]

    ec2 = client("ec2", creds)
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    endpoint = ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=f"com.amazonaws.{REGION}.s3", PolicyDocument=doc(
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}))["VpcEndpoint"]
    out["vpce"], out["vpc"] = endpoint["VpcEndpointId"], vpc
    client("s3", creds).create_bucket(Bucket="workload-logs")


def build_data(out):
    creds = member(out["data"])
    account = out["data"]
    s3 = client("s3", creds)
    s3.create_bucket(Bucket="example-data")
    s3.put_bucket_policy(Bucket="example-data", Policy=doc(
        {"Sid": "DenyIntern", "Effect": "Deny", "Principal": {"AWS": f"arn:aws:iam::{out['workload']}:role/intern"},
         "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-data/*"}))
    s3.create_bucket(Bucket="example-plain")
    iam = client("iam", creds)
    iam.create_role(RoleName="cleanup", AssumeRolePolicyDocument=doc(
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}))
    iam.put_role_policy(RoleName="cleanup", PolicyName="Clean", PolicyDocument=doc(
        {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}))

    sqs = client("sqs", creds)
    queue = sqs.create_queue(QueueName="jobs")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sqs.set_queue_attributes(QueueUrl=queue, Attributes={"Policy": doc(
        {"Effect": "Deny", "Principal": "*", "Action": "sqs:SendMessage", "Resource": queue_arn})})
    plain = sqs.create_queue(QueueName="plain")["QueueUrl"]
    out["queue"] = queue_arn
    out["plain_queue"] = sqs.get_queue_attributes(QueueUrl=plain, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]

    kms = client("kms", creds)
    key = kms.create_key(Policy=doc({"Sid": "Owner", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
                                     "Action": "kms:*", "Resource": "*"}))["KeyMetadata"]["Arn"]
    kms.create_alias(AliasName="alias/data", TargetKeyId=key)
    out["key"] = key
    out["key_alias"] = f"arn:aws:kms:{REGION}:{account}:alias/data"

    secrets = client("secretsmanager", creds)
    secret = secrets.create_secret(Name="prod/db/password", SecretString="hunter2")["ARN"]
    secrets.put_resource_policy(SecretId=secret, ResourcePolicy=doc(
        {"Effect": "Deny", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}))
    out["secret"] = secret

    ecr = client("ecr", creds)
    out["repository"] = ecr.create_repository(repositoryName="ingest")["repository"]["repositoryArn"]
    ecr.set_repository_policy(repositoryName="ingest", policyText=doc(
        {"Sid": "PullFromWorkload", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{out['workload']}:root"},
         "Action": "ecr:BatchGetImage"}))
    out["topic"] = client("sns", creds).create_topic(Name="alerts")["TopicArn"]


def main():
    out = {}
    build_organization(out)
    build_workload(out)
    build_data(out)
    out["unsupported"] = unsupported
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
