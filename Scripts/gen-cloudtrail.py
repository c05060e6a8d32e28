#!/usr/bin/env python3
"""Generate a deterministic, synthetic AWS CloudTrail archive for benchmarking TrailReplay.

Layout (the one CloudTrail uses when it delivers to S3):

    OUT/AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/
        <account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<16 alnum>.json.gz
    OUT/AWSLogs/<account>/CloudTrail-Digest/<region>/YYYY/MM/DD/
        <account>_CloudTrail-Digest_<region>_<trail>_<region>_<YYYYMMDDTHHmmssZ>.json.gz
    OUT/.manifest.json   what was generated and with which settings (read by Scripts/bench)

Every log file is a gzip (level 6, as CloudTrail writes them) of one compact `{"Records":[...]}` envelope.

What is realistic about it:
  * four accounts and four regions with very different activity, several days of 5-minute deliveries with a
    daily rhythm and bursts, so there are many small files and some multi-megabyte ones; IAM and other global
    services are logged in us-east-1 only; records within a file are in time order except late arrivals;
  * records carry the fields, field order and value shapes CloudTrail writes: eventVersion 1.08/1.09, every
    kind of userIdentity (IAMUser with AKIA keys, AssumedRole with sessionContext, Root, AWSService,
    AWSAccount, WebIdentityUser), requestParameters/responseElements with nested objects and arrays, strings
    with escaped quotes, backslashes, braces, control characters and non-ASCII text, resources, tlsDetails,
    vpcEndpointId, sessionCredentialFromConsole, additionalEventData, sharedEventID, AwsServiceEvent, data
    events; ~1-3 KB on average with a tail of large records up to ~50 KB (RunInstances, task definitions,
    policy documents);
  * ~1.5 % authorization failures with the codes and messages services really write (S3 AccessDenied with a
    quoted resource, EC2 Client.UnauthorizedOperation with an encoded authorization message, KMS
    AccessDeniedException, SNS AuthorizationError, VpceAccessDenied, ...), ~2 % other errors that are not
    authorization failures (NoSuchKey, ThrottlingException, InvalidClientTokenId, ExpiredToken, ...), decoys
    (an "errorCode":"AccessDenied" nested in requestParameters/responseElements, or quoted inside a string, of
    a successful call) and ~0.1 % duplicate deliveries (a record repeated, byte for byte, in a later file);
  * digest files, which a reader must skip.

Everything is derived from --seed: the plan of files from the master seed, each file from its own seed,
each record from (file seed, record number), so the output does not depend on --jobs.
"""

import argparse
import base64
import calendar
import gzip
import hashlib
import json
import math
import multiprocessing
import os
import random
import shutil
import string
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

FORMAT_VERSION = 1

# Must match Sources/TrailReader/AuthorizationFailureCodes.swift and the list in Scripts/bench.
AUTHORIZATION_FAILURE_CODES = frozenset([
    "AccessDenied", "AccessDeniedException", "Client.UnauthorizedOperation", "UnauthorizedOperation",
    "VpceAccessDenied", "AuthorizationError", "AuthorizationErrorException", "NotAuthorized", "Forbidden",
    "ForbiddenException", "AccessDeniedForDependencyException", "Client.AccessDenied", "UnauthorizedAccess",
    "UnauthorizedException", "InsufficientPermissionsException",
])

FAILURE_RATE = 0.015          # records that are authorization failures
OTHER_ERROR_RATE = 0.02       # records with another errorCode
DUPLICATE_RATE = 0.001        # records delivered a second time in a later file
LATE_RATE = 0.004             # records that arrive in a file well after their eventTime

START_EPOCH = calendar.timegm((2024, 3, 4, 0, 0, 0))   # a Monday
SLOT_SECONDS = 300                                    # CloudTrail delivers about every 5 minutes
MAX_RECORDS_PER_FILE = 4000
TRAIL_NAME = "org-trail"
LOG_BUCKET = "acme-org-cloudtrail-logs"

REGIONS = [("us-east-1", 0.60), ("eu-west-1", 0.20), ("us-west-2", 0.13), ("ap-southeast-2", 0.07)]
GLOBAL_REGION = "us-east-1"
ACCOUNT_PROFILES = [("prod", 0.55), ("dev", 0.22), ("staging", 0.15), ("security", 0.08)]
# Activity by UTC hour (US and EU office hours overlap in the afternoon).
HOURLY = [0.45, 0.40, 0.35, 0.33, 0.33, 0.35, 0.45, 0.60, 0.80, 0.95, 1.00, 1.05,
          1.15, 1.30, 1.45, 1.50, 1.50, 1.45, 1.35, 1.20, 1.00, 0.80, 0.65, 0.55]

B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
ALNUM = string.ascii_letters + string.digits
UPPER_ALNUM = string.ascii_uppercase + string.digits
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS"


# ----------------------------------------------------------------------------------------------------------
# Small random and formatting helpers
# ----------------------------------------------------------------------------------------------------------

def rand_str(r, alphabet, n):
    return "".join(r.choices(alphabet, k=n))


def rand_hex(r, n):
    return "%0*x" % (n, r.getrandbits(4 * n))


def uuid4(r):
    """A version-4 UUID drawn from `r` (so it is reproducible)."""
    n = r.getrandbits(128)
    h = "%032x" % n
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[n & 3]}{h[17:20]}-{h[20:]}"


def rand_b64(r, nbytes, urlsafe=False):
    raw = r.getrandbits(8 * nbytes).to_bytes(nbytes, "little")
    return (base64.urlsafe_b64encode(raw).rstrip(b"=") if urlsafe else base64.b64encode(raw)).decode()


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def us_date(t):
    """The "Mar 4, 2024, 10:12:44 AM" form CloudTrail uses for credential expirations and some times."""
    g = time.gmtime(t)
    hour = g.tm_hour % 12 or 12
    return f"{MONTHS[g.tm_mon - 1]} {g.tm_mday}, {g.tm_year}, {hour}:{g.tm_min:02d}:{g.tm_sec:02d} " \
           f"{'AM' if g.tm_hour < 12 else 'PM'}"


def poisson(r, lam):
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(r.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, r.random()
    while p > limit:
        k += 1
        p *= r.random()
    return k


def cumulative(weights):
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def derive_seed(*parts):
    """A 64-bit seed from the master seed and a path of names/numbers, stable across Python versions."""
    digest = hashlib.sha256(":".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "little")


# ----------------------------------------------------------------------------------------------------------
# The world: accounts, principals and resources, built once per process from the master seed
# ----------------------------------------------------------------------------------------------------------

PEOPLE = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory",
          "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "zoe"]
APPS = ["orders-api", "image-resizer", "billing-export", "slack-notifier", "etl-ingest", "auth-authorizer",
        "search-indexer", "report-builder", "webhook-relay", "inventory-sync", "fraud-scorer", "email-sender"]
TABLES = ["orders", "sessions", "inventory", "audit-events", "feature-flags", "customers", "idempotency-keys"]
FILE_NAMES = ["report.pdf", "data.csv", "export.json", "image.png", "invoice-0042.pdf", "notes.txt",
              "résumé – final (v2).pdf", "Übersicht_Q1.xlsx", "日本語のファイル.txt", "отчёт за март.csv",
              "photo 📷 2024.jpg", 'say "hello" {world}.txt', "C:\\Users\\bob\\Desktop\\notes.txt",
              "a+b=c&d;e.json", "tab\there.txt", "bell\x07 and escape\x1b[0m.log", "naïve café menu.docx",
              "数据/汇总.parquet"]
USER_AGENTS = {
    "cli": [
        "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.79-99.164.amzn2023.x86_64 exe/x86_64.amzn.2023 prompt/off "
        "command/s3.cp",
        "aws-cli/2.15.28 Python/3.11.8 Darwin/23.3.0 exe/x86_64 prompt/off command/sts.get-caller-identity",
        "aws-cli/2.13.4 Python/3.11.4 Windows/10 exe/AMD64 prompt/off command/ec2.describe-instances",
        "AWSPowerShell.Common/4.1.532.0 .NET_Core/6.0.27 OS/Microsoft_Windows_10.0.20348 PowerShellCore/7.-1 "
        "ClientAsync",
    ],
    "sdk": [
        "Boto3/1.34.51 md/Botocore#1.34.51 ua/2.0 os/linux#5.10.210-201.852.amzn2.x86_64 md/arch#x86_64 "
        "lang/python#3.12.2 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy "
        "Botocore/1.34.51",
        "aws-sdk-go-v2/1.25.2 os/linux lang/go#1.22.0 md/GOOS#linux md/GOARCH#amd64 api/s3#1.51.1",
        "aws-sdk-java/2.25.6 Linux/5.10.209-198.858.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS "
        "Java/17.0.10 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy",
        "aws-sdk-nodejs/3.525.0 linux/v20.11.1 exec-env/AWS_ECS_FARGATE lang/js md/nodejs#20.11.1 "
        "api/dynamodb#3.525.0",
        "aws-sdk-rust/1.1.7 os/linux lang/rust#1.76.0",
    ],
    "console": [
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/122.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:123.0) Gecko/20100101 Firefox/123.0",
        "[S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.660 Linux/5.10.210-178.855.amzn2int.x86_64 "
        "OpenJDK_64-Bit_Server_VM/25.402-b08 java/1.8.0_402 vendor/Oracle_Corporation cfg/retry-mode/standard]",
        "AWS Internal",
    ],
    "ci": [
        "Terraform/1.7.4 (+https://www.terraform.io) terraform-provider-aws/5.39.1 "
        "(+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go/1.50.30 (go1.22.0; linux; amd64)",
        "aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1015-azure exe/x86_64.ubuntu.22 prompt/off "
        "command/cloudformation.deploy",
        "aws-sdk-go-v2/1.25.2 os/linux lang/go#1.22.0 md/GOOS#linux md/GOARCH#amd64 api/ecr#1.26.2 "
        "ft/github-actions",
    ],
    "agent": [
        "aws-sdk-go/1.44.302 (go1.21.6; linux; amd64) amazon-ssm-agent/3.3.40.0",
        "aws-sdk-go/1.50.9 (go1.21.6; linux; amd64) amazon-cloudwatch-agent/1.300033.0",
        "aws-sdk-go-v2/1.24.1 os/linux lang/go#1.21.6 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.146.0 "
        "eks-node-agent",
    ],
}


class Account:
    """One AWS account: its principals and the names of its resources."""

    def __init__(self, r, name, weight, account_id):
        self.id, self.name, self.weight = account_id, name, weight
        env = name
        self.users = [(u, "AIDA" + rand_str(r, B32, 17), ["AKIA" + rand_str(r, B32, 16)
                                                         for _ in range(r.randint(1, 2))])
                      for u in ["ci-legacy", "backup-bot", "grafana-reader", f"{r.choice(PEOPLE)}.admin",
                                r.choice(PEOPLE) + "-cli"]]
        sso = [f"AWSReservedSSO_{p}_{rand_hex(r, 16)}" for p in
               ["AdministratorAccess", "ReadOnlyAccess", "PowerUserAccess", "DataScientist"]]
        self.roles = {
            "human": [(n, "/aws-reserved/sso.amazonaws.com/", "AROA" + rand_str(r, B32, 17)) for n in sso],
            "app": [(f"{a}-{env}-role-{rand_str(r, string.ascii_lowercase + string.digits, 8)}",
                     "/service-role/", "AROA" + rand_str(r, B32, 17)) for a in APPS]
                   + [(f"ecs-task-{a}-{env}", "/", "AROA" + rand_str(r, B32, 17)) for a in APPS[:5]],
            "instance": [(n, "/", "AROA" + rand_str(r, B32, 17)) for n in
                         [f"ec2-web-{env}-instance-role",
                          f"eks-{env}-NodeInstanceRole-{rand_str(r, UPPER_ALNUM, 12)}",
                          "AmazonSSMRoleForInstancesQuickSetup"]],
            "ci": [(n, "/", "AROA" + rand_str(r, B32, 17)) for n in
                   ["GitHubActionsDeployRole", "terraform-apply", "OrganizationAccountAccessRole"]],
        }
        self.external_accounts = ["%012d" % r.randrange(10 ** 11, 10 ** 12) for _ in range(3)]
        slug = lambda: rand_str(r, string.ascii_lowercase + string.digits, 6)
        self.buckets = [f"acme-{env}-{b}-{slug()}" for b in
                        ["assets", "uploads", "data-lake", "backups", "logs", "terraform-state", "reports"]]
        self.object_keys = self._object_keys(r)
        self.kms_keys = [uuid4(r) for _ in range(6)]
        self.functions = [f"{a}-{env}" for a in APPS]
        self.tables = [f"{t}-{env}" for t in TABLES]
        self.queues = [f"{a}-{env}-queue" for a in APPS[:6]] + [f"{APPS[0]}-{env}-dlq.fifo"]
        self.topics = [f"{env}-alerts", f"{env}-orders-events", f"{env}-deployments"]
        self.secrets = [f"{env}/{a}/{s}-{rand_str(r, ALNUM, 6)}" for a in APPS[:6] for s in ["db", "api-key"]]
        self.instances = ["i-" + rand_hex(r, 17) for _ in range(40)]
        self.security_groups = ["sg-" + rand_hex(r, 17) for _ in range(12)]
        self.subnets = ["subnet-" + rand_hex(r, 17) for _ in range(6)]
        self.vpc = "vpc-" + rand_hex(r, 17)
        self.vpc_endpoints = ["vpce-" + rand_hex(r, 17) for _ in range(4)]
        self.amis = ["ami-" + rand_hex(r, 17) for _ in range(5)]
        self.log_groups = [f"/aws/lambda/{f}" for f in self.functions] + [f"/ecs/{a}-{env}" for a in APPS[:5]]
        self.parameters = [f"/{env}/{a}/{p}" for a in APPS[:6] for p in ["db/host", "db/password", "flags"]]
        self.repositories = [f"{a}" for a in APPS[:8]]
        self.clusters = [f"{env}-cluster", f"{env}-batch"]
        self.stacks = [f"{env}-network", f"{env}-{APPS[0]}", f"{env}-data", f"{env}-monitoring"]

    @staticmethod
    def _object_keys(r):
        keys = []
        for _ in range(1500):
            kind = r.random()
            if kind < 0.35:
                keys.append(f"logs/app/2024/03/{r.randint(1, 9):02d}/{r.randint(0, 23):02d}/"
                            f"part-{r.randint(0, 99999):05d}-{uuid4(r)}.snappy.parquet")
            elif kind < 0.60:
                keys.append(f"uploads/{r.choice(PEOPLE)}/{uuid4(r)}/{r.choice(FILE_NAMES)}")
            elif kind < 0.75:
                keys.append(f"static/js/main.{rand_hex(r, 8)}.chunk.js")
            elif kind < 0.85:
                keys.append(f"backups/db/2024-03-0{r.randint(1, 9)}/dump-{r.randint(1, 400)}.sql.gz")
            elif kind < 0.95:
                keys.append(f"reports/{r.choice(['daily', 'weekly', 'ad hoc'])}/{r.choice(FILE_NAMES)}")
            else:
                keys.append(f"terraform/state/{r.choice(APPS)}/terraform.tfstate")
        return keys


class World:
    """Everything shared by all files: accounts, IP pools and caches, all derived from the master seed."""

    def __init__(self, seed):
        r = random.Random(derive_seed(seed, "world"))
        self.accounts = [Account(r, name, w, "%012d" % r.randrange(10 ** 11, 10 ** 12))
                         for name, w in ACCOUNT_PROFILES]
        self.by_id = {a.id: a for a in self.accounts}
        ip = lambda first: f"{first}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"
        self.office_ips = [ip(r.choice([81, 86, 92, 203, 198, 24, 73])) for _ in range(25)] + \
                          [f"2a02:{rand_hex(r, 4)}:{rand_hex(r, 4)}::{rand_hex(r, 3)}" for _ in range(4)]
        self.ci_ips = [ip(r.choice([20, 40, 52, 172])) for _ in range(40)]
        self.aws_ips = [ip(r.choice([3, 18, 34, 35, 44, 52, 54])) for _ in range(120)]
        self.private_ips = [f"10.{r.randint(0, 3)}.{r.randint(0, 255)}.{r.randint(4, 254)}" for _ in range(80)]
        self.kms_fingerprint = rand_hex(r, 32)


# ----------------------------------------------------------------------------------------------------------
# Who calls: actors, built per log file (a 5-minute file sees a handful of principals)
# ----------------------------------------------------------------------------------------------------------

class Actor:
    __slots__ = ("kind", "identity", "arn", "ip", "agent", "tls_host", "vpce", "console")

    def __init__(self, kind, identity, arn, ip, agent, tls_host=True, vpce=None, console=False):
        self.kind, self.identity, self.arn = kind, identity, arn
        self.ip, self.agent, self.tls_host, self.vpce, self.console = ip, agent, tls_host, vpce, console


def session_context(creation, mfa, issuer=None, ec2=False):
    ctx = {"sessionIssuer": issuer or {}, "webIdFederationData": {},
           "attributes": {"creationDate": iso(creation), "mfaAuthenticated": "true" if mfa else "false"}}
    if ec2:
        ctx["ec2RoleDelivery"] = "2.0"
    return ctx


def assumed_role_actor(r, world, acct, tag, start):
    name, path, aroa = r.choice(acct.roles[tag])
    if tag == "human":
        session = f"{r.choice(PEOPLE)}@acme.example"
    elif tag == "app":
        session = name.split("-role-")[0] if "-role-" in name else rand_hex(r, 32)
    elif tag == "instance":
        session = r.choice(acct.instances)
    else:
        session = r.choice(["GitHubActions", f"terraform-{start - r.randint(0, 900)}", "deploy"])
    issuer = {"type": "Role", "principalId": aroa, "arn": f"arn:aws:iam::{acct.id}:role{path}{name}",
              "accountId": acct.id, "userName": name}
    arn = f"arn:aws:sts::{acct.id}:assumed-role/{name}/{session}"
    identity = {"type": "AssumedRole", "principalId": f"{aroa}:{session}", "arn": arn, "accountId": acct.id,
                "accessKeyId": "ASIA" + rand_str(r, B32, 16),
                "sessionContext": session_context(start - r.randint(60, 3 * 3600), tag == "human", issuer,
                                                  ec2=tag == "instance")}
    vpce = None
    if tag == "human":
        console = r.random() < 0.6
        ip, agent = r.choice(world.office_ips), r.choice(USER_AGENTS["console" if console else "cli"])
    elif tag == "ci":
        console, ip, agent = False, r.choice(world.ci_ips), r.choice(USER_AGENTS["ci"])
    else:
        console = False
        agent = r.choice(USER_AGENTS["agent" if tag == "instance" else "sdk"])
        if r.random() < 0.3:
            ip, vpce = r.choice(world.private_ips), r.choice(acct.vpc_endpoints)
        else:
            ip = r.choice(world.aws_ips)
    return Actor("AssumedRole", identity, arn, ip, agent, vpce=vpce, console=console)


def iam_user_actor(r, world, acct, start):
    name, aida, keys = r.choice(acct.users)
    arn = f"arn:aws:iam::{acct.id}:user/{name}"
    identity = {"type": "IAMUser", "principalId": aida, "arn": arn, "accountId": acct.id}
    console = "." in name and r.random() < 0.5
    if console:
        identity["accessKeyId"] = "ASIA" + rand_str(r, B32, 16)
        identity["userName"] = name
        identity["sessionContext"] = session_context(start - r.randint(60, 8 * 3600), True)
        return Actor("IAMUser", identity, arn, r.choice(world.office_ips), r.choice(USER_AGENTS["console"]),
                     console=True)
    identity["accessKeyId"] = r.choice(keys)
    identity["userName"] = name
    ip = r.choice(world.office_ips if "." in name or "-cli" in name else world.aws_ips)
    return Actor("IAMUser", identity, arn, ip, r.choice(USER_AGENTS["cli" if "-cli" in name else "sdk"]))


def root_actor(r, world, acct, start):
    arn = f"arn:aws:iam::{acct.id}:root"
    identity = {"type": "Root", "principalId": acct.id, "arn": arn, "accountId": acct.id,
                "accessKeyId": "ASIA" + rand_str(r, B32, 16),
                "sessionContext": session_context(start - r.randint(60, 1800), True)}
    return Actor("Root", identity, arn, r.choice(world.office_ips), USER_AGENTS["console"][0], console=True)


def cross_account_actor(r, world, acct):
    other = r.choice(acct.external_accounts)
    principal = "AROA" + rand_str(r, B32, 17) + ":" + r.choice(["replication", "athena-query", "partner-sync"])
    identity = {"type": "AWSAccount", "principalId": principal, "accountId": other}
    return Actor("AWSAccount", identity, f"arn:aws:sts::{other}:assumed-role/partner/{principal.split(':')[1]}",
                 r.choice(world.aws_ips), r.choice(USER_AGENTS["sdk"]))


def web_identity_actor(r, world, acct):
    repo = f"repo:acme/{r.choice(APPS)}:ref:refs/heads/main"
    provider = f"arn:aws:iam::{acct.id}:oidc-provider/token.actions.githubusercontent.com"
    identity = {"type": "WebIdentityUser", "principalId": f"{provider}:sts.amazonaws.com:{repo}",
                "userName": repo, "identityProvider": provider}
    return Actor("WebIdentityUser", identity, repo, r.choice(world.ci_ips), USER_AGENTS["ci"][2])


ACTOR_TAGS = ["app", "human", "user", "ci", "instance", "cross", "root"]
DEFAULT_ACTOR_WEIGHTS = {"app": 5.0, "human": 1.6, "user": 1.0, "ci": 0.8, "instance": 1.2, "cross": 0.0,
                         "root": 0.03}


class FileContext:
    """What one log file's records share: account, region, time window and the principals active in it."""

    def __init__(self, world, pf):
        r = random.Random(pf.seed)
        self.world, self.seed = world, pf.seed
        self.account = world.by_id[pf.account]
        self.region, self.start, self.end = pf.region, pf.start, pf.end
        self.rng = random.Random()
        acct, start = self.account, pf.start
        n = max(1, min(6, pf.count // 40 + 1))
        self.actors = {
            "app": [assumed_role_actor(r, world, acct, "app", start) for _ in range(n + 1)],
            "human": [assumed_role_actor(r, world, acct, "human", start) for _ in range(max(1, n // 2))],
            "instance": [assumed_role_actor(r, world, acct, "instance", start) for _ in range(max(1, n // 2))],
            "ci": [assumed_role_actor(r, world, acct, "ci", start), web_identity_actor(r, world, acct)],
            "user": [iam_user_actor(r, world, acct, start) for _ in range(max(1, n // 3))],
            "cross": [cross_account_actor(r, world, acct)],
            "root": [root_actor(r, world, acct, start)],
        }
        self.service_actors = {}

    def service_actor(self, service):
        actor = self.service_actors.get(service)
        if actor is None:
            actor = Actor("AWSService", {"type": "AWSService", "invokedBy": service}, service, service, service,
                          tls_host=False)
            self.service_actors[service] = actor
        return actor

    def pick_actor(self, r, spec, failing):
        if spec.service_share and not failing and r.random() < spec.service_share:
            return self.service_actor(r.choice(spec.invokers))
        tags, cum = spec.actor_choice
        pool = self.actors[r.choices(tags, cum_weights=cum)[0]]
        return pool[0] if len(pool) == 1 or r.random() < 0.5 else r.choice(pool)


# ----------------------------------------------------------------------------------------------------------
# What is called: the event catalog. Each builder returns (requestParameters, responseElements, resources,
# additionalEventData) for one call.
# ----------------------------------------------------------------------------------------------------------

@dataclass
class EventSpec:
    source: str
    name: str
    weight: float
    build: object
    read_only: bool
    category: str = "Management"
    event_type: str = "AwsApiCall"
    version: str = "1.08"
    global_only: bool = False
    invokers: tuple = ()
    service_share: float = 0.0
    fail_bias: float = 1.0
    decoy: bool = False
    action: str = ""
    actor_choice: tuple = ()


CATALOG = []


def event(source, name, weight, read_only, **options):
    """Registers a builder for eventSource/eventName with a relative frequency."""
    actors = dict(DEFAULT_ACTOR_WEIGHTS)
    actors.update(options.pop("actors", {}))

    def register(build):
        spec = EventSpec(source, name, weight, build, read_only, **options)
        if not spec.action:
            prefix = IAM_PREFIX.get(source, source.split(".")[0])
            spec.action = f"{prefix}:{name.split('20')[0] if source.startswith('lambda') else name}"
        tags = [t for t in ACTOR_TAGS if actors.get(t, 0) > 0]
        spec.actor_choice = (tags, cumulative([actors[t] for t in tags]))
        CATALOG.append(spec)
        return build

    return register


IAM_PREFIX = {"monitoring.amazonaws.com": "cloudwatch", "email.amazonaws.com": "ses",
              "signin.amazonaws.com": "signin"}


def res(acct_id, rtype, arn):
    return {"accountId": acct_id, "type": rtype, "ARN": arn}


def s3_request(r, ctx, bucket, key=None):
    p = {"bucketName": bucket, "Host": f"{bucket}.s3.{ctx.region}.amazonaws.com"}
    if key is not None:
        p["key"] = key
    return p


def s3_additional(r, into=0, out=0):
    return {"SignatureVersion": "SigV4", "CipherSuite": "TLS_AES_128_GCM_SHA256", "bytesTransferredIn": into,
            "AuthenticationMethod": "AuthHeader", "x-amz-id-2": rand_b64(r, 56), "bytesTransferredOut": out}


def s3_object_resources(ctx, bucket, key):
    return [{"type": "AWS::S3::Object", "ARN": f"arn:aws:s3:::{bucket}/{key}"},
            res(ctx.account.id, "AWS::S3::Bucket", f"arn:aws:s3:::{bucket}")]


S3_DATA = dict(category="Data", version="1.09", actors={"cross": 0.4}, invokers=("s3.amazonaws.com",
               "athena.amazonaws.com", "cloudtrail.amazonaws.com", "logs.amazonaws.com"))


@event("s3.amazonaws.com", "GetObject", 16, True, service_share=0.15, fail_bias=2.0, **S3_DATA)
def s3_get_object(r, ctx, actor):
    a = ctx.account
    b, k = r.choice(a.buckets), r.choice(a.object_keys)
    p = s3_request(r, ctx, b, k)
    if r.random() < 0.1:
        p["response-content-disposition"] = f"attachment; filename=\"{k.rsplit('/', 1)[-1]}\""
    return p, None, s3_object_resources(ctx, b, k), s3_additional(r, 0, r.randint(200, 50_000_000))


@event("s3.amazonaws.com", "PutObject", 6, False, service_share=0.2, fail_bias=2.0, **S3_DATA)
def s3_put_object(r, ctx, actor):
    a = ctx.account
    b, k = r.choice(a.buckets), r.choice(a.object_keys)
    key_arn = f"arn:aws:kms:{ctx.region}:{a.id}:key/{r.choice(a.kms_keys)}"
    p = s3_request(r, ctx, b, k)
    p["x-amz-server-side-encryption"] = "aws:kms"
    p["x-amz-server-side-encryption-aws-kms-key-id"] = key_arn
    resp = {"x-amz-server-side-encryption-aws-kms-key-id": key_arn, "x-amz-server-side-encryption": "aws:kms",
            "x-amz-version-id": rand_str(r, ALNUM + "._", 32),
            "x-amz-server-side-encryption-bucket-key-enabled": "true"}
    extra = s3_additional(r, r.randint(100, 20_000_000), 0)
    extra["SSEApplied"] = "SSE_KMS"
    return p, resp, s3_object_resources(ctx, b, k), extra


@event("s3.amazonaws.com", "HeadObject", 5, True, **S3_DATA)
def s3_head_object(r, ctx, actor):
    a = ctx.account
    b, k = r.choice(a.buckets), r.choice(a.object_keys)
    return s3_request(r, ctx, b, k), None, s3_object_resources(ctx, b, k), s3_additional(r)


@event("s3.amazonaws.com", "ListObjects", 4, True, **S3_DATA)
def s3_list_objects(r, ctx, actor):
    a = ctx.account
    b = r.choice(a.buckets)
    prefix = r.choice(a.object_keys).rsplit("/", 1)[0] + "/"
    p = {"list-type": "2", "bucketName": b, "encoding-type": "url", "max-keys": "1000", "prefix": prefix,
         "delimiter": "/", "Host": f"{b}.s3.{ctx.region}.amazonaws.com"}
    return p, None, [res(a.id, "AWS::S3::Bucket", f"arn:aws:s3:::{b}")], s3_additional(r)


@event("s3.amazonaws.com", "DeleteObject", 0.8, False, **S3_DATA)
def s3_delete_object(r, ctx, actor):
    a = ctx.account
    b, k = r.choice(a.buckets), r.choice(a.object_keys)
    return s3_request(r, ctx, b, k), None, s3_object_resources(ctx, b, k), s3_additional(r)


@event("s3.amazonaws.com", "GetBucketAcl", 1.5, True, version="1.09",
       invokers=("config.amazonaws.com", "access-analyzer.amazonaws.com"), service_share=0.5)
def s3_get_bucket_acl(r, ctx, actor):
    b = r.choice(ctx.account.buckets)
    p = s3_request(r, ctx, b)
    p["acl"] = ""
    return p, None, [res(ctx.account.id, "AWS::S3::Bucket", f"arn:aws:s3:::{b}")], s3_additional(r)


@event("s3.amazonaws.com", "ListBuckets", 1.2, True, version="1.09")
def s3_list_buckets(r, ctx, actor):
    return {"Host": f"s3.{ctx.region}.amazonaws.com"}, None, None, s3_additional(r)


def policy_document(r, acct, statements, pretty, principal=None):
    """An IAM/resource policy with realistic statements; `pretty` uses newlines and indentation as people do.
    A resource policy (`principal` given) names it in every statement, as S3 requires of a bucket policy."""
    stmts = []
    for i in range(statements):
        actions = r.sample(["s3:GetObject", "s3:PutObject", "s3:ListBucket", "kms:Decrypt", "kms:GenerateDataKey",
                            "dynamodb:GetItem", "dynamodb:Query", "sqs:SendMessage", "sns:Publish",
                            "logs:PutLogEvents", "secretsmanager:GetSecretValue", "ec2:Describe*",
                            "lambda:InvokeFunction", "ssm:GetParameter*"], r.randint(1, 5))
        stmt = {"Sid": f"Stmt{i}{r.randint(1000, 9999)}", "Effect": "Deny" if r.random() < 0.15 else "Allow",
                "Action": actions,
                "Resource": [f"arn:aws:s3:::{r.choice(acct.buckets)}/*" for _ in range(r.randint(1, 4))]}
        if principal is not None:
            stmt["Principal"] = principal
        if r.random() < 0.4:
            stmt["Condition"] = {"StringEquals": {"aws:PrincipalOrgID": "o-" + rand_str(r, string.ascii_lowercase
                                                                                       + string.digits, 10)},
                                 "Bool": {"aws:SecureTransport": "true"}}
        stmts.append(stmt)
    doc = {"Version": "2012-10-17", "Statement": stmts}
    return json.dumps(doc, indent=4) if pretty else json.dumps(doc, separators=(",", ":"))


def within_quota(text, limit, pretty):
    """The policy text with trailing statements dropped until IAM would accept it: IAM counts a policy's
    characters without white space (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html)."""
    doc = json.loads(text)
    while len(doc["Statement"]) > 1 and sum(not c.isspace() for c in json.dumps(doc)) > limit:
        doc["Statement"].pop()
    return json.dumps(doc, indent=4) if pretty else json.dumps(doc, separators=(",", ":"))


@event("s3.amazonaws.com", "PutBucketPolicy", 0.08, False, version="1.09", fail_bias=6.0,
       actors={"ci": 3.0, "human": 2.0, "app": 0.2})
def s3_put_bucket_policy(r, ctx, actor):
    b = r.choice(ctx.account.buckets)
    p = s3_request(r, ctx, b)
    p["bucketPolicy"] = json.loads(policy_document(r, ctx.account, r.randint(1, 12), False,
                                                   principal={"AWS": f"arn:aws:iam::{ctx.account.id}:root"}))
    p["policy"] = ""
    return p, None, [res(ctx.account.id, "AWS::S3::Bucket", f"arn:aws:s3:::{b}")], s3_additional(r)


def ec2_instance_item(r, acct, region, launch):
    iid = r.choice(acct.instances)
    ip = f"10.{r.randint(0, 3)}.{r.randint(0, 255)}.{r.randint(4, 254)}"
    subnet, sg = r.choice(acct.subnets), r.choice(acct.security_groups)
    return {
        "instanceId": iid, "imageId": r.choice(acct.amis), "currentInstanceBootMode": "legacy-bios",
        "instanceState": {"code": 0, "name": "pending"}, "privateDnsName": f"ip-{ip.replace('.', '-')}.ec2.internal",
        "amiLaunchIndex": 0, "productCodes": {}, "instanceType": r.choice(["t3.micro", "m6i.large", "c7g.xlarge"]),
        "launchTime": launch * 1000,
        "placement": {"availabilityZone": region + r.choice("abc"), "tenancy": "default"},
        "monitoring": {"state": "disabled"}, "subnetId": subnet, "vpcId": acct.vpc, "privateIpAddress": ip,
        "stateReason": {"code": "pending", "message": "pending"}, "architecture": "x86_64",
        "rootDeviceType": "ebs", "rootDeviceName": "/dev/xvda", "blockDeviceMapping": {},
        "virtualizationType": "hvm", "hypervisor": "xen",
        "tagSet": {"items": [{"key": "Name", "value": f"{r.choice(APPS)}-{acct.name}"},
                             {"key": "Owner", "value": r.choice(PEOPLE)},
                             {"key": "CostCenter", "value": f"CC-{r.randint(1000, 9999)}"},
                             {"key": "Description", "value": "Web tier – \"blue\" fleet {autoscaled}"}]},
        "clientToken": uuid4(r),
        "groupSet": {"items": [{"groupId": sg, "groupName": f"{r.choice(APPS)}-sg"}]},
        "sourceDestCheck": True,
        "networkInterfaceSet": {"items": [{
            "networkInterfaceId": "eni-" + rand_hex(r, 17), "subnetId": subnet, "vpcId": acct.vpc,
            "ownerId": acct.id, "status": "in-use", "macAddress": ":".join(rand_hex(r, 2) for _ in range(6)),
            "privateIpAddress": ip, "privateDnsName": f"ip-{ip.replace('.', '-')}.ec2.internal",
            "sourceDestCheck": True, "interfaceType": "interface",
            "groupSet": {"items": [{"groupId": sg, "groupName": "default"}]},
            "attachment": {"attachmentId": "eni-attach-" + rand_hex(r, 17), "deviceIndex": 0,
                           "networkCardIndex": 0, "status": "attaching", "attachTime": launch * 1000,
                           "deleteOnTermination": True},
            "privateIpAddressesSet": {"item": [{"privateIpAddress": ip, "primary": True}]},
            "ipv6AddressesSet": {}, "tagSet": {}}]},
        "ebsOptimized": True, "enaSupport": True, "cpuOptions": {"coreCount": 1, "threadsPerCore": 2},
        "capacityReservationSpecification": {"capacityReservationPreference": "open"},
        "enclaveOptions": {"enabled": False},
        "metadataOptions": {"state": "pending", "httpTokens": "required", "httpPutResponseHopLimit": 2,
                            "httpEndpoint": "enabled", "httpProtocolIpv4": "enabled",
                            "httpProtocolIpv6": "disabled", "instanceMetadataTags": "disabled"},
        "maintenanceOptions": {"autoRecovery": "default"},
        "privateDnsNameOptions": {"hostnameType": "ip-name", "enableResourceNameDnsARecord": False,
                                  "enableResourceNameDnsAAAARecord": False},
    }


def instance_count(r):
    """Mostly one instance, sometimes an autoscaling batch: the tail of large records."""
    u = r.random()
    return 1 if u < 0.8 else r.randint(2, 6) if u < 0.97 else r.randint(7, 20)


@event("ec2.amazonaws.com", "RunInstances", 0.35, False, fail_bias=5.0,
       invokers=("autoscaling.amazonaws.com",), service_share=0.4, actors={"ci": 3.0})
def ec2_run_instances(r, ctx, actor):
    a, n = ctx.account, instance_count(r)
    t = ctx.start
    req = {"instancesSet": {"items": [{"imageId": r.choice(a.amis), "minCount": n, "maxCount": n}]},
           "userData": "<sensitiveDataRemoved>", "instanceType": "m6i.large", "blockDeviceMapping": {},
           "monitoring": {"enabled": False}, "disableApiTermination": False, "disableApiStop": False,
           "clientToken": uuid4(r), "subnetId": r.choice(a.subnets),
           "tagSpecificationSet": {"items": [{"resourceType": "instance", "tags": [
               {"key": "Name", "value": f"{r.choice(APPS)}-{a.name}"},
               {"key": "aws:autoscaling:groupName", "value": f"{a.name}-web-asg"}]}]},
           "launchTemplate": {"launchTemplateId": "lt-" + rand_hex(r, 17), "version": str(r.randint(1, 40))}}
    items = [ec2_instance_item(r, a, ctx.region, t) for _ in range(n)]
    resp = {"requestId": uuid4(r), "reservationId": "r-" + rand_hex(r, 17), "ownerId": a.id, "groupSet": {},
            "instancesSet": {"items": items}, "requesterId": "940372691376"}
    return req, resp, None, None


@event("ec2.amazonaws.com", "DescribeInstances", 5, True, actors={"instance": 3.0},
       invokers=("autoscaling.amazonaws.com", "elasticloadbalancing.amazonaws.com"), service_share=0.15)
def ec2_describe_instances(r, ctx, actor):
    a = ctx.account
    if r.random() < 0.5:
        req = {"instancesSet": {"items": [{"instanceId": i} for i in r.sample(a.instances, r.randint(1, 8))]},
               "filterSet": {}}
    else:
        req = {"instancesSet": {}, "filterSet": {"items": [
            {"name": "tag:Name", "valueSet": {"items": [{"value": f"{r.choice(APPS)}-*"}]}},
            {"name": "instance-state-name", "valueSet": {"items": [{"value": "running"}, {"value": "pending"}]}}]}}
    return req, None, None, None


@event("ec2.amazonaws.com", "DescribeSecurityGroups", 1.5, True)
def ec2_describe_security_groups(r, ctx, actor):
    ids = r.sample(ctx.account.security_groups, r.randint(1, 4))
    return {"securityGroupSet": {}, "securityGroupIdSet": {"items": [{"groupId": g} for g in ids]},
            "filterSet": {}}, None, None, None


@event("ec2.amazonaws.com", "DescribeVolumes", 1.5, True, actors={"instance": 2.0})
def ec2_describe_volumes(r, ctx, actor):
    return {"volumeSet": {}, "filterSet": {"items": [{"name": "attachment.instance-id", "valueSet": {
        "items": [{"value": r.choice(ctx.account.instances)}]}}]}}, None, None, None


@event("ec2.amazonaws.com", "CreateNetworkInterface", 0.4, False, invokers=("lambda.amazonaws.com",),
       service_share=0.9)
def ec2_create_network_interface(r, ctx, actor):
    a = ctx.account
    subnet, sg = r.choice(a.subnets), r.choice(a.security_groups)
    eni = "eni-" + rand_hex(r, 17)
    ip = r.choice(ctx.world.private_ips)
    req = {"subnetId": subnet, "description": f"AWS Lambda VPC ENI-{r.choice(a.functions)}-{uuid4(r)}",
           "groupSet": {"items": [{"groupId": sg}]}, "privateIpAddressesSet": {}, "ipv6AddressCount": 0,
           "clientToken": uuid4(r)}
    resp = {"requestId": uuid4(r), "networkInterface": {
        "networkInterfaceId": eni, "subnetId": subnet, "vpcId": a.vpc, "availabilityZone": ctx.region + "a",
        "description": req["description"], "ownerId": a.id, "requesterId": "AROA" + rand_str(r, B32, 17),
        "requesterManaged": False, "status": "pending", "macAddress": ":".join(rand_hex(r, 2) for _ in range(6)),
        "privateIpAddress": ip, "sourceDestCheck": True, "interfaceType": "lambda",
        "groupSet": {"items": [{"groupId": sg, "groupName": "lambda-sg"}]},
        "privateIpAddressesSet": {"item": [{"privateIpAddress": ip, "primary": True}]},
        "ipv6AddressesSet": {}, "tagSet": {}}}
    return req, resp, None, None


@event("ec2.amazonaws.com", "CreateTags", 0.5, False, fail_bias=3.0, actors={"ci": 3.0})
def ec2_create_tags(r, ctx, actor):
    a = ctx.account
    n = r.randint(1, 6) if r.random() < 0.9 else r.randint(20, 120)
    ids = [r.choice(a.instances) if r.random() < 0.7 else "vol-" + rand_hex(r, 17) for _ in range(n)]
    tags = [{"key": "Project", "value": r.choice(APPS)}, {"key": "Env", "value": a.name},
            {"key": "BackupPath", "value": "\\\\fileserver\\backups\\" + r.choice(APPS)},
            {"key": "Notes", "value": r.choice(["Équipe données – Zürich", "需要备份", "owner: \"ops\" {team}"])}]
    return {"resourcesSet": {"items": [{"resourceId": i} for i in ids]}, "tagSet": {"items": tags}}, \
        {"requestId": uuid4(r), "_return": True}, None, None


@event("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", 0.2, False, fail_bias=6.0,
       actors={"ci": 3.0, "human": 2.0})
def ec2_authorize_ingress(r, ctx, actor):
    sg = r.choice(ctx.account.security_groups)
    perms = [{"ipProtocol": "tcp", "fromPort": p, "toPort": p, "groups": {}, "ipRanges": {"items": [
        {"cidrIp": f"{r.randint(1, 223)}.{r.randint(0, 255)}.{r.randint(0, 255)}.0/24",
         "description": r.choice(["office VPN", "Allow HTTPS from office – Zürich", "partner \"acme\" NAT"])}]},
        "ipv6Ranges": {}, "prefixListIds": {}} for p in r.sample([22, 80, 443, 5432, 6379, 8080, 8443], 2)]
    resp = {"requestId": uuid4(r), "_return": True, "securityGroupRuleSet": {"items": [
        {"groupOwnerId": ctx.account.id, "groupId": sg, "securityGroupRuleId": "sgr-" + rand_hex(r, 17),
         "isEgress": False, "ipProtocol": "tcp", "fromPort": pm["fromPort"], "toPort": pm["toPort"],
         "cidrIpv4": pm["ipRanges"]["items"][0]["cidrIp"]} for pm in perms]}}
    return {"groupId": sg, "ipPermissions": {"items": perms}}, resp, None, None


@event("ec2.amazonaws.com", "CreateFleet", 0.05, False, decoy=True, actors={"ci": 3.0})
def ec2_create_fleet(r, ctx, actor):
    """Decoy: a successful call whose response lists per-launch errors with errorCode fields."""
    a = ctx.account
    req = {"CreateFleetRequest": {"Type": "instant", "TargetCapacitySpecification": {
        "TotalTargetCapacity": 4, "DefaultTargetCapacityType": "spot"}, "LaunchTemplateConfigs": {
        "LaunchTemplateSpecification": {"LaunchTemplateId": "lt-" + rand_hex(r, 17), "Version": "$Latest"},
        "tag": 1}}}
    resp = {"CreateFleetResponse": {"requestId": uuid4(r), "fleetId": "fleet-" + uuid4(r),
            "errorSet": {"item": [{"errorCode": "AccessDenied", "errorMessage": "You are not authorized to use "
                                   "launch template with the specified instance type.", "lifecycle": "spot"},
                                  {"errorCode": "InsufficientInstanceCapacity", "errorMessage": "We currently "
                                   "do not have sufficient capacity in the Availability Zone you requested."}]},
            "fleetInstanceSet": {"item": {"instanceIds": {"item": r.sample(a.instances, 2)},
                                          "instanceType": "c7g.large", "lifecycle": "spot"}}}}
    return req, resp, None, None


def session_token(r):
    return "IQoJb3JpZ2luX2Vj" + rand_b64(r, r.randint(450, 700))


@event("sts.amazonaws.com", "AssumeRole", 10, True, fail_bias=2.0, version="1.08",
       invokers=("lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "ec2.amazonaws.com", "sso.amazonaws.com",
                 "config.amazonaws.com", "cloudformation.amazonaws.com"), service_share=0.55,
       actors={"ci": 2.0, "human": 1.0})
def sts_assume_role(r, ctx, actor):
    a = ctx.account
    tag = r.choice(["app", "app", "instance", "ci", "human"])
    name, path, aroa = r.choice(a.roles[tag])
    session = r.choice([rand_hex(r, 16), f"{r.choice(PEOPLE)}@acme.example", "botocore-session-" +
                        str(ctx.start - r.randint(0, 3600)), r.choice(a.functions)])
    role_arn = f"arn:aws:iam::{a.id}:role{path}{name}"
    req = {"roleArn": role_arn, "roleSessionName": session}
    if r.random() < 0.3:
        req["durationSeconds"] = r.choice([900, 3600, 43200])
    if r.random() < 0.15:
        req["tags"] = [{"key": "project", "value": r.choice(APPS)}]
    resp = {"credentials": {"accessKeyId": "ASIA" + rand_str(r, B32, 16), "sessionToken": session_token(r),
                            "expiration": us_date(ctx.start + 3600)},
            "assumedRoleUser": {"assumedRoleId": f"{aroa}:{session}",
                                "arn": f"arn:aws:sts::{a.id}:assumed-role/{name}/{session}"}}
    return req, resp, [res(a.id, "AWS::IAM::Role", role_arn)], None


@event("sts.amazonaws.com", "AssumeRoleWithWebIdentity", 1.0, True, actors={"ci": 10.0, "app": 1.0})
def sts_assume_role_web_identity(r, ctx, actor):
    a = ctx.account
    name, path, aroa = r.choice(a.roles["ci"])
    role_arn = f"arn:aws:iam::{a.id}:role{path}{name}"
    repo = f"repo:acme/{r.choice(APPS)}:ref:refs/heads/main"
    req = {"roleArn": role_arn, "roleSessionName": "GitHubActions", "durationSeconds": 3600}
    resp = {"subjectFromWebIdentityToken": repo, "assumedRoleUser": {
        "assumedRoleId": f"{aroa}:GitHubActions", "arn": f"arn:aws:sts::{a.id}:assumed-role/{name}/GitHubActions"},
        "provider": f"arn:aws:iam::{a.id}:oidc-provider/token.actions.githubusercontent.com",
        "audience": "sts.amazonaws.com",
        "credentials": {"accessKeyId": "ASIA" + rand_str(r, B32, 16), "sessionToken": session_token(r),
                        "expiration": us_date(ctx.start + 3600)}}
    extra = {"identityProviderConnectionVerificationMethod": "IAMTrustStore",
             "RoleSessionName": "GitHubActions"}
    return req, resp, [res(a.id, "AWS::IAM::Role", role_arn)], extra


@event("sts.amazonaws.com", "GetCallerIdentity", 3, True)
def sts_get_caller_identity(r, ctx, actor):
    return None, None, None, None


@event("iam.amazonaws.com", "GetRole", 1.0, True, global_only=True, version="1.09",
       invokers=("cloudformation.amazonaws.com", "config.amazonaws.com"), service_share=0.3)
def iam_get_role(r, ctx, actor):
    tag = r.choice(["app", "instance", "ci"])
    return {"roleName": r.choice(ctx.account.roles[tag])[0]}, None, None, None


@event("iam.amazonaws.com", "ListRoles", 0.4, True, global_only=True, version="1.09")
def iam_list_roles(r, ctx, actor):
    return {"maxItems": 1000} if r.random() < 0.5 else None, None, None, None


@event("iam.amazonaws.com", "ListAttachedRolePolicies", 0.4, True, global_only=True, version="1.09")
def iam_list_attached_role_policies(r, ctx, actor):
    return {"roleName": r.choice(ctx.account.roles["app"])[0]}, None, None, None


@event("iam.amazonaws.com", "PutRolePolicy", 0.12, False, global_only=True, version="1.09", fail_bias=6.0,
       actors={"ci": 4.0, "human": 2.0, "app": 0.1})
def iam_put_role_policy(r, ctx, actor):
    role = r.choice(ctx.account.roles["app"])[0]
    n = r.randint(1, 4) if r.random() < 0.8 else r.randint(10, 30)
    return {"roleName": role, "policyName": f"{role}-inline",
            "policyDocument": within_quota(policy_document(r, ctx.account, n, True), 10240, True)}, None, None, None


@event("iam.amazonaws.com", "CreatePolicyVersion", 0.05, False, global_only=True, version="1.09", fail_bias=6.0,
       actors={"ci": 4.0, "human": 2.0, "app": 0.1})
def iam_create_policy_version(r, ctx, actor):
    a = ctx.account
    arn = f"arn:aws:iam::{a.id}:policy/{r.choice(APPS)}-access"
    pretty = r.random() < 0.5
    req = {"policyArn": arn, "policyDocument": within_quota(policy_document(r, a, r.randint(2, 20), pretty), 6144, pretty),
           "setAsDefault": True}
    resp = {"policyVersion": {"versionId": f"v{r.randint(2, 5)}", "isDefaultVersion": True,
                              "createDate": us_date(ctx.start)}}
    return req, resp, None, None


@event("iam.amazonaws.com", "AttachRolePolicy", 0.06, False, global_only=True, version="1.09", fail_bias=6.0,
       actors={"ci": 4.0, "human": 2.0})
def iam_attach_role_policy(r, ctx, actor):
    return {"roleName": r.choice(ctx.account.roles["app"])[0],
            "policyArn": r.choice(["arn:aws:iam::aws:policy/AdministratorAccess",
                                   "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
                                   "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"])}, \
        None, None, None


@event("iam.amazonaws.com", "CreateAccessKey", 0.02, False, global_only=True, version="1.09", fail_bias=8.0,
       actors={"human": 3.0, "user": 1.0, "root": 0.2})
def iam_create_access_key(r, ctx, actor):
    name = r.choice(ctx.account.users)[0]
    resp = {"accessKey": {"userName": name, "accessKeyId": "AKIA" + rand_str(r, B32, 16), "status": "Active",
                          "createDate": us_date(ctx.start)}}
    return {"userName": name}, resp, None, None


@event("signin.amazonaws.com", "ConsoleLogin", 0.08, False, global_only=True, event_type="AwsConsoleSignIn",
       actors={"human": 0.0, "user": 3.0, "root": 0.3, "app": 0.0, "ci": 0.0, "instance": 0.0})
def signin_console_login(r, ctx, actor):
    return None, {"ConsoleLogin": "Success"}, None, {
        "LoginTo": "https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_"
                   f"{ctx.region}_{rand_hex(r, 16)}", "MobileVersion": "No", "MFAIdentifier":
            f"arn:aws:iam::{ctx.account.id}:mfa/{r.choice(PEOPLE)}", "MFAUsed": "Yes"}


def kms_key_arn(r, ctx):
    return f"arn:aws:kms:{ctx.region}:{ctx.account.id}:key/{r.choice(ctx.account.kms_keys)}"


KMS_INVOKERS = ("secretsmanager.amazonaws.com", "s3.amazonaws.com", "ssm.amazonaws.com",
                "dynamodb.amazonaws.com", "lambda.amazonaws.com", "sqs.amazonaws.com", "logs.amazonaws.com")


def encryption_context(r, ctx, via):
    a = ctx.account
    if via.startswith("s3"):
        return {"aws:s3:arn": f"arn:aws:s3:::{r.choice(a.buckets)}/{r.choice(a.object_keys)}"}
    if via.startswith("secretsmanager"):
        return {"SecretARN": f"arn:aws:secretsmanager:{ctx.region}:{a.id}:secret:{r.choice(a.secrets)}",
                "SecretVersionId": uuid4(r)}
    if via.startswith("lambda"):
        return {"aws:lambda:FunctionArn": f"arn:aws:lambda:{ctx.region}:{a.id}:function:{r.choice(a.functions)}"}
    if via.startswith("dynamodb"):
        return {"aws:dynamodb:tableName": r.choice(a.tables), "aws:dynamodb:subscriberId": a.id}
    return {"PARAMETER_ARN": f"arn:aws:ssm:{ctx.region}:{a.id}:parameter{r.choice(a.parameters)}"}


@event("kms.amazonaws.com", "Decrypt", 8, True, invokers=KMS_INVOKERS, service_share=0.55, fail_bias=1.5,
       actors={"cross": 0.2})
def kms_decrypt(r, ctx, actor):
    key = kms_key_arn(r, ctx)
    via = actor.ip if actor.kind == "AWSService" else r.choice(KMS_INVOKERS)
    req = {"encryptionContext": encryption_context(r, ctx, via), "encryptionAlgorithm": "SYMMETRIC_DEFAULT"}
    if r.random() < 0.3:
        req["keyId"] = key
    return req, None, [res(ctx.account.id, "AWS::KMS::Key", key)], None


@event("kms.amazonaws.com", "GenerateDataKey", 5, True, invokers=KMS_INVOKERS, service_share=0.6)
def kms_generate_data_key(r, ctx, actor):
    key = kms_key_arn(r, ctx)
    via = actor.ip if actor.kind == "AWSService" else r.choice(KMS_INVOKERS)
    req = {"keyId": r.choice([key, "alias/aws/s3", f"alias/{ctx.account.name}-data"]),
           "encryptionContext": encryption_context(r, ctx, via), "keySpec": "AES_256"}
    return req, None, [res(ctx.account.id, "AWS::KMS::Key", key)], None


@event("kms.amazonaws.com", "DescribeKey", 1.0, True)
def kms_describe_key(r, ctx, actor):
    key = kms_key_arn(r, ctx)
    return {"keyId": key}, None, [res(ctx.account.id, "AWS::KMS::Key", key)], None


@event("kms.amazonaws.com", "RotateKey", 0.02, False, event_type="AwsServiceEvent",
       invokers=("kms.amazonaws.com",), service_share=1.0)
def kms_rotate_key(r, ctx, actor):
    key = kms_key_arn(r, ctx)
    return None, None, [res(ctx.account.id, "AWS::KMS::Key", key)], {"keyId": key.rsplit("/", 1)[1]}


def function_arn(r, ctx):
    return f"arn:aws:lambda:{ctx.region}:{ctx.account.id}:function:{r.choice(ctx.account.functions)}"


@event("lambda.amazonaws.com", "Invoke", 3, False, category="Data", version="1.09",
       action="lambda:InvokeFunction",
       invokers=("apigateway.amazonaws.com", "events.amazonaws.com", "s3.amazonaws.com", "sqs.amazonaws.com"),
       service_share=0.4)
def lambda_invoke(r, ctx, actor):
    arn = function_arn(r, ctx)
    req = {"functionName": arn, "invocationType": r.choice(["RequestResponse", "Event"])}
    if actor.kind == "AWSService":
        api = rand_str(r, string.ascii_lowercase, 10)
        req["sourceArn"] = f"arn:aws:execute-api:{ctx.region}:{ctx.account.id}:{api}/prod/POST/orders"
    return req, None, [res(ctx.account.id, "AWS::Lambda::Function", arn)], {"functionVersion": arn + ":$LATEST"}


@event("lambda.amazonaws.com", "GetFunction20150331v2", 0.8, True, fail_bias=2.0)
def lambda_get_function(r, ctx, actor):
    return {"functionName": r.choice(ctx.account.functions)}, None, None, None


@event("lambda.amazonaws.com", "ListFunctions20150331", 0.5, True)
def lambda_list_functions(r, ctx, actor):
    return None, None, None, None


@event("lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2", 0.15, False, fail_bias=4.0,
       actors={"ci": 4.0})
def lambda_update_configuration(r, ctx, actor):
    a = ctx.account
    name = r.choice(a.functions)
    arn = f"arn:aws:lambda:{ctx.region}:{a.id}:function:{name}"
    role = r.choice(a.roles["app"])
    subnets, sgs = r.sample(a.subnets, 2), r.sample(a.security_groups, 1)
    req = {"functionName": name, "timeout": r.choice([15, 30, 60, 900]), "memorySize": r.choice([128, 512, 1024]),
           "environment": {}, "vpcConfig": {"subnetIds": subnets, "securityGroupIds": sgs}}
    resp = {"functionName": name, "functionArn": arn, "runtime": r.choice(["python3.12", "nodejs20.x", "java21"]),
            "role": f"arn:aws:iam::{a.id}:role{role[1]}{role[0]}", "handler": "app.handler",
            "codeSize": r.randint(1000, 50_000_000), "description": "Handles \"orders\" – v2 {beta}",
            "timeout": req["timeout"], "memorySize": req["memorySize"], "lastModified": iso(ctx.start)[:-1]
            + ".000+0000", "codeSha256": rand_b64(r, 32), "version": "$LATEST",
            "vpcConfig": {"subnetIds": subnets, "securityGroupIds": sgs, "vpcId": a.vpc,
                          "ipv6AllowedForDualStack": False},
            "environment": {}, "tracingConfig": {"mode": "PassThrough"}, "revisionId": uuid4(r),
            "layers": [{"arn": f"arn:aws:lambda:{ctx.region}:{a.id}:layer:shared-libs:{r.randint(1, 60)}",
                        "codeSize": r.randint(1000, 9_000_000)}],
            "state": "Active", "lastUpdateStatus": "InProgress",
            "lastUpdateStatusReason": "The function is being created.",
            "lastUpdateStatusReasonCode": "Creating", "packageType": "Zip", "architectures": ["x86_64"],
            "ephemeralStorage": {"size": 512}, "snapStart": {"applyOn": "None", "optimizationStatus": "Off"},
            "runtimeVersionConfig": {"runtimeVersionArn": f"arn:aws:lambda:{ctx.region}::runtime:"
                                                          + rand_hex(r, 64)},
            "loggingConfig": {"logFormat": "Text", "logGroup": f"/aws/lambda/{name}"}}
    return req, resp, None, None


def table_arn(r, ctx):
    return f"arn:aws:dynamodb:{ctx.region}:{ctx.account.id}:table/{r.choice(ctx.account.tables)}"


def dynamo_resources(ctx, arn):
    return [res(ctx.account.id, "AWS::DynamoDB::Table", arn)]


@event("dynamodb.amazonaws.com", "GetItem", 3, True, category="Data")
def dynamodb_get_item(r, ctx, actor):
    arn = table_arn(r, ctx)
    req = {"tableName": arn.rsplit("/", 1)[1], "key": {"pk": HIDDEN, "sk": HIDDEN}, "consistentRead": False}
    if r.random() < 0.3:
        req["projectionExpression"] = "#n, price, #s"
        req["expressionAttributeNames"] = {"#n": "name", "#s": "status"}
    return req, None, dynamo_resources(ctx, arn), None


@event("dynamodb.amazonaws.com", "PutItem", 2, False, category="Data")
def dynamodb_put_item(r, ctx, actor):
    arn = table_arn(r, ctx)
    req = {"tableName": arn.rsplit("/", 1)[1], "key": {"pk": HIDDEN, "sk": HIDDEN},
           "item": ["pk", "sk", "createdAt", "payload", "ttl"]}
    if r.random() < 0.3:
        req["conditionExpression"] = "attribute_not_exists(pk)"
    return req, None, dynamo_resources(ctx, arn), None


@event("dynamodb.amazonaws.com", "Query", 2, True, category="Data")
def dynamodb_query(r, ctx, actor):
    arn = table_arn(r, ctx)
    req = {"tableName": arn.rsplit("/", 1)[1], "indexName": r.choice(["gsi1", "byStatus", "byCustomer"]),
           "select": "ALL_ATTRIBUTES", "limit": 100, "consistentRead": False,
           "keyConditionExpression": "pk = :pk AND begins_with(sk, :sk)",
           "expressionAttributeValues": {":pk": HIDDEN, ":sk": HIDDEN}}
    return req, None, dynamo_resources(ctx, arn), None


@event("dynamodb.amazonaws.com", "DescribeTable", 1.0, True,
       invokers=("application-autoscaling.amazonaws.com",), service_share=0.3)
def dynamodb_describe_table(r, ctx, actor):
    arn = table_arn(r, ctx)
    return {"tableName": arn.rsplit("/", 1)[1]}, None, dynamo_resources(ctx, arn), None


def queue_url(r, ctx):
    return f"https://sqs.{ctx.region}.amazonaws.com/{ctx.account.id}/{r.choice(ctx.account.queues)}"


@event("sqs.amazonaws.com", "SendMessage", 1.5, False, category="Data", version="1.09",
       invokers=("sns.amazonaws.com", "events.amazonaws.com", "s3.amazonaws.com"), service_share=0.3)
def sqs_send_message(r, ctx, actor):
    url = queue_url(r, ctx)
    req = {"queueUrl": url, "messageBody": HIDDEN}
    if r.random() < 0.4:
        req["messageAttributes"] = HIDDEN
    if url.endswith(".fifo"):
        req["messageGroupId"] = r.choice(APPS)
        req["messageDeduplicationId"] = rand_hex(r, 32)
    resp = {"mD5OfMessageBody": rand_hex(r, 32), "messageId": uuid4(r)}
    return req, resp, [res(ctx.account.id, "AWS::SQS::Queue", queue_arn(ctx, url))], None


def queue_arn(ctx, url):
    return f"arn:aws:sqs:{ctx.region}:{ctx.account.id}:{url.rsplit('/', 1)[1]}"


@event("sqs.amazonaws.com", "ReceiveMessage", 2, False, category="Data", version="1.09")
def sqs_receive_message(r, ctx, actor):
    url = queue_url(r, ctx)
    req = {"queueUrl": url, "maxNumberOfMessages": 10, "waitTimeSeconds": 20, "attributeNames": ["All"],
           "messageAttributeNames": ["All"]}
    return req, None, [res(ctx.account.id, "AWS::SQS::Queue", queue_arn(ctx, url))], None


@event("sqs.amazonaws.com", "DeleteMessage", 1.5, False, category="Data", version="1.09")
def sqs_delete_message(r, ctx, actor):
    url = queue_url(r, ctx)
    return {"queueUrl": url, "receiptHandle": HIDDEN}, None, \
        [res(ctx.account.id, "AWS::SQS::Queue", queue_arn(ctx, url))], None


@event("sqs.amazonaws.com", "GetQueueAttributes", 1.5, True, version="1.09",
       invokers=("lambda.amazonaws.com",), service_share=0.5)
def sqs_get_queue_attributes(r, ctx, actor):
    return {"queueUrl": queue_url(r, ctx), "attributeNames": ["All"]}, None, None, None


def topic_arn(r, ctx):
    return f"arn:aws:sns:{ctx.region}:{ctx.account.id}:{r.choice(ctx.account.topics)}"


@event("sns.amazonaws.com", "Publish", 1.5, False, version="1.09",
       invokers=("cloudwatch.amazonaws.com", "events.amazonaws.com", "budgets.amazonaws.com"), service_share=0.4,
       fail_bias=1.5)
def sns_publish(r, ctx, actor):
    arn = topic_arn(r, ctx)
    return {"topicArn": arn, "message": HIDDEN, "subject": HIDDEN, "messageAttributes": HIDDEN}, \
        {"messageId": uuid4(r)}, [res(ctx.account.id, "AWS::SNS::Topic", arn)], None


@event("sns.amazonaws.com", "GetTopicAttributes", 0.6, True, version="1.09")
def sns_get_topic_attributes(r, ctx, actor):
    return {"topicArn": topic_arn(r, ctx)}, None, None, None


def secret_arn(r, ctx):
    return f"arn:aws:secretsmanager:{ctx.region}:{ctx.account.id}:secret:{r.choice(ctx.account.secrets)}"


@event("secretsmanager.amazonaws.com", "GetSecretValue", 3, True, fail_bias=2.0,
       invokers=("lambda.amazonaws.com", "ecs-tasks.amazonaws.com"), service_share=0.1)
def secretsmanager_get_secret_value(r, ctx, actor):
    arn = secret_arn(r, ctx)
    req = {"secretId": arn if r.random() < 0.5 else arn.split(":secret:")[1][:-7]}
    if r.random() < 0.2:
        req["versionStage"] = "AWSCURRENT"
    return req, None, [res(ctx.account.id, "AWS::SecretsManager::Secret", arn)] if r.random() < 0.5 else None, None


@event("secretsmanager.amazonaws.com", "DescribeSecret", 0.6, True)
def secretsmanager_describe_secret(r, ctx, actor):
    return {"secretId": secret_arn(r, ctx)}, None, None, None


@event("secretsmanager.amazonaws.com", "BatchGetSecretValue", 0.12, True, decoy=True)
def secretsmanager_batch_get(r, ctx, actor):
    """Decoy: succeeded, but its response lists the secrets it could not read with an errorCode."""
    arns = [secret_arn(r, ctx) for _ in range(r.randint(2, 6))]
    denied = f"User: {actor.arn} is not authorized to perform: secretsmanager:GetSecretValue on resource: "
    errors = [{"secretId": arns[0], "errorCode": "AccessDenied", "errorMessage": denied + arns[0]}]
    if r.random() < 0.5:
        errors.append({"secretId": arns[1], "errorCode": "ResourceNotFoundException",
                       "errorMessage": "Secrets Manager can't find the specified secret."})
    resp = {"secretValues": [{"aRN": arn, "name": arn.split(":secret:")[1][:-7], "versionId": uuid4(r),
                              "secretString": HIDDEN, "versionStages": ["AWSCURRENT"]}
                             for arn in arns[len(errors):]], "errors": errors}
    return {"secretIdList": arns}, resp, None, None


METRICS = [("AWS/EC2", "CPUUtilization", "InstanceId"), ("AWS/Lambda", "Errors", "FunctionName"),
           ("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName"),
           ("AWS/DynamoDB", "ConsumedReadCapacityUnits", "TableName")]


@event("monitoring.amazonaws.com", "GetMetricData", 2, True, version="1.09",
       invokers=("grafana.amazonaws.com",), service_share=0.0)
def monitoring_get_metric_data(r, ctx, actor):
    queries = []
    for i in range(r.randint(1, 6) if r.random() < 0.95 else r.randint(20, 60)):
        ns, metric, dim = r.choice(METRICS)
        queries.append({"id": f"m{i}", "metricStat": {"metric": {"namespace": ns, "metricName": metric,
                        "dimensions": [{"name": dim, "value": r.choice(ctx.account.instances)}]},
                        "period": 300, "stat": r.choice(["Average", "Sum", "p99"])}, "returnData": True})
    return {"metricDataQueries": queries, "startTime": us_date(ctx.start - 10800),
            "endTime": us_date(ctx.start)}, None, None, None


@event("monitoring.amazonaws.com", "DescribeAlarms", 1.5, True, version="1.09")
def monitoring_describe_alarms(r, ctx, actor):
    return {"alarmNames": [f"{r.choice(APPS)}-{ctx.account.name}-errors" for _ in range(r.randint(1, 5))]}, \
        None, None, None


@event("monitoring.amazonaws.com", "PutMetricAlarm", 0.1, False, version="1.09", fail_bias=4.0,
       actors={"ci": 4.0})
def monitoring_put_metric_alarm(r, ctx, actor):
    ns, metric, dim = r.choice(METRICS)
    return {"alarmName": f"{r.choice(APPS)}-{ctx.account.name}-{metric}",
            "alarmDescription": "CPU > 80% on the \"web\" tier — page on-call {runbook: C:\\ops\\cpu.md}",
            "actionsEnabled": True, "alarmActions": [topic_arn(r, ctx)], "metricName": metric, "namespace": ns,
            "statistic": "Average", "dimensions": [{"name": dim, "value": r.choice(ctx.account.instances)}],
            "period": 300, "evaluationPeriods": 3, "threshold": 80.0,
            "comparisonOperator": "GreaterThanThreshold", "treatMissingData": "missing"}, None, None, None


@event("logs.amazonaws.com", "CreateLogStream", 2, False, invokers=("lambda.amazonaws.com",), service_share=0.0)
def logs_create_log_stream(r, ctx, actor):
    g = time.gmtime(ctx.start)
    return {"logGroupName": r.choice(ctx.account.log_groups),
            "logStreamName": f"{g.tm_year}/{g.tm_mon:02d}/{g.tm_mday:02d}/[$LATEST]{rand_hex(r, 32)}"}, \
        None, None, None


@event("logs.amazonaws.com", "DescribeLogGroups", 1.2, True)
def logs_describe_log_groups(r, ctx, actor):
    return {"logGroupNamePrefix": r.choice(["/aws/lambda/", "/ecs/", "/aws/rds/"]), "limit": 50}, \
        None, None, None


@event("logs.amazonaws.com", "FilterLogEvents", 0.3, True, actors={"human": 4.0})
def logs_filter_log_events(r, ctx, actor):
    return {"logGroupName": r.choice(ctx.account.log_groups), "startTime": (ctx.start - 3600) * 1000,
            "filterPattern": r.choice(['{ $.level = "error" }', '"Task timed out"', '?ERROR ?Exception',
                                       '[ip, id, user, timestamp, request = "*POST*", status_code = 5*]']),
            "interleaved": True}, None, None, None


@event("logs.amazonaws.com", "StartQuery", 0.3, True, actors={"human": 4.0})
def logs_start_query(r, ctx, actor):
    return {"logGroupName": r.choice(ctx.account.log_groups), "startTime": ctx.start - 86400,
            "endTime": ctx.start, "queryString": "fields @timestamp, @message\n| filter @message like /(?i)"
            "(error|exception)/\n| parse @message \"user=* \" as user\n| stats count(*) by bin(5m), user"}, \
        {"queryId": uuid4(r)}, None, None


@event("logs.amazonaws.com", "PutMetricFilter", 0.04, False, decoy=True, actors={"ci": 4.0})
def logs_put_metric_filter(r, ctx, actor):
    """Decoy: the CIS benchmark metric filter quotes errorCode values inside a string."""
    return {"logGroupName": "aws-controltower/CloudTrailLogs", "filterName": "UnauthorizedAPICalls",
            "filterPattern": '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") '
                             '|| ($.sourceIPAddress!="delivery.logs.amazonaws.com") }',
            "metricTransformations": [{"metricName": "UnauthorizedAPICalls", "metricNamespace": "CISBenchmark",
                                       "metricValue": "1"}]}, None, None, None


@event("events.amazonaws.com", "PutRule", 0.04, False, decoy=True, actors={"ci": 4.0})
def events_put_rule(r, ctx, actor):
    """Decoy: an EventBridge pattern that matches errorCode, JSON inside a string."""
    name = "security-access-denied-alerts"
    pattern = {"source": ["aws.s3", "aws.kms"], "detail-type": ["AWS API Call via CloudTrail"],
               "detail": {"errorCode": ["AccessDenied", "AccessDeniedException"]}}
    return {"name": name, "eventPattern": json.dumps(pattern, separators=(",", ":")), "state": "ENABLED",
            "description": "Alert on \"AccessDenied\" {security}"}, \
        {"ruleArn": f"arn:aws:events:{ctx.region}:{ctx.account.id}:rule/{name}"}, None, None


@event("athena.amazonaws.com", "StartQueryExecution", 0.08, False, decoy=True, actors={"human": 4.0})
def athena_start_query(r, ctx, actor):
    """Decoy: SQL that mentions errorcode = 'AccessDenied'."""
    query = ("SELECT eventtime, useridentity.arn, eventsource, eventname, errorcode\n"
             "FROM cloudtrail_logs\nWHERE errorcode IN ('AccessDenied', 'Client.UnauthorizedOperation')\n"
             "  AND from_iso8601_timestamp(eventtime) > now() - interval '1' day\n"
             "  AND json_extract_scalar(requestparameters, '$.bucketName') LIKE 'acme-%'\nLIMIT 100")
    req = {"queryString": query, "clientRequestToken": uuid4(r),
           "queryExecutionContext": {"database": "security", "catalog": "AwsDataCatalog"},
           "resultConfiguration": {"outputLocation": f"s3://{ctx.account.buckets[6]}/athena/"},
           "workGroup": "primary"}
    # A nested object keyed errorCode, as some UIs send with saved queries.
    req["resultReuseConfiguration"] = {"resultReuseByAgeConfiguration": {"enabled": False},
                                       "lastRun": {"errorCode": "AccessDenied", "state": "FAILED"}}
    return req, {"queryExecutionId": uuid4(r)}, None, None


@event("ssm.amazonaws.com", "GetParameter", 2, True, fail_bias=1.5)
def ssm_get_parameter(r, ctx, actor):
    return {"name": r.choice(ctx.account.parameters), "withDecryption": r.random() < 0.6}, None, None, None


@event("ssm.amazonaws.com", "UpdateInstanceInformation", 2, False,
       actors={"instance": 10.0, "app": 0.0, "human": 0.0, "user": 0.0, "ci": 0.0, "root": 0.0})
def ssm_update_instance_information(r, ctx, actor):
    ip = r.choice(ctx.world.private_ips)
    return {"instanceId": r.choice(ctx.account.instances), "agentVersion": "3.3.40.0",
            "agentName": "amazon-ssm-agent", "platformType": "Linux", "platformName": "Amazon Linux",
            "platformVersion": "2023", "iPAddress": ip, "computerName": f"ip-{ip.replace('.', '-')}.ec2.internal",
            "agentStatus": "Active", "availabilityZone": ctx.region + "b", "availabilityZoneId": "use1-az4",
            "ssmConnectionChannel": "ssmmessages"}, None, None, None


@event("ssm.amazonaws.com", "SendCommand", 0.05, False, fail_bias=4.0, actors={"human": 3.0, "ci": 2.0})
def ssm_send_command(r, ctx, actor):
    ids = r.sample(ctx.account.instances, r.randint(1, 10))
    windows = r.random() < 0.4
    req = {"instanceIds": ids, "documentName": "AWS-RunPowerShellScript" if windows else "AWS-RunShellScript",
           "comment": "restart \"app\" service {maintenance}", "parameters": HIDDEN, "timeoutSeconds": 600,
           "outputS3BucketName": ctx.account.buckets[4],
           "outputS3KeyPrefix": "ssm\\output\\" if windows else "ssm/output/", "interactive": False}
    resp = {"command": {"commandId": uuid4(r), "documentName": req["documentName"], "documentVersion": "$DEFAULT",
                        "comment": req["comment"], "expiresAfter": us_date(ctx.start + 4200), "parameters": HIDDEN,
                        "instanceIds": ids, "targets": [], "requestedDateTime": us_date(ctx.start),
                        "status": "Pending", "statusDetails": "Pending", "outputS3Region": ctx.region,
                        "outputS3BucketName": req["outputS3BucketName"],
                        "outputS3KeyPrefix": req["outputS3KeyPrefix"],
                        "maxConcurrency": "50", "maxErrors": "0", "targetCount": len(ids), "completedCount": 0,
                        "errorCount": 0, "deliveryTimedOutCount": 0, "serviceRole": "",
                        "notificationConfig": {"notificationArn": "", "notificationEvents": [],
                                               "notificationType": ""},
                        "cloudWatchOutputConfig": {"cloudWatchLogGroupName": "",
                                                   "cloudWatchOutputEnabled": False},
                        "timeoutSeconds": 600, "alarmConfiguration": {"ignorePollAlarmFailure": False,
                                                                      "alarms": []},
                        "triggeredAlarms": []}}
    return req, resp, None, None


@event("ecr.amazonaws.com", "GetAuthorizationToken", 1.5, True, actors={"instance": 3.0, "ci": 2.0},
       invokers=("ecs-tasks.amazonaws.com",), service_share=0.0)
def ecr_get_authorization_token(r, ctx, actor):
    return {"registryIds": [ctx.account.id]} if r.random() < 0.3 else None, None, None, None


@event("ecr.amazonaws.com", "BatchGetImage", 1.0, True, actors={"instance": 3.0, "ci": 1.0})
def ecr_batch_get_image(r, ctx, actor):
    repo = r.choice(ctx.account.repositories)
    arn = f"arn:aws:ecr:{ctx.region}:{ctx.account.id}:repository/{repo}"
    return {"repositoryName": repo, "registryId": ctx.account.id,
            "imageIds": [{"imageTag": r.choice(["latest", "main", f"v1.{r.randint(0, 40)}.{r.randint(0, 9)}"])}],
            "acceptedMediaTypes": ["application/vnd.docker.distribution.manifest.v2+json",
                                   "application/vnd.oci.image.manifest.v1+json",
                                   "application/vnd.oci.image.index.v1+json"]}, None, \
        [res(ctx.account.id, "AWS::ECR::Repository", arn)], None


def container_definition(r, acct, region, app):
    env_count = r.randint(3, 15) if r.random() < 0.8 else r.randint(40, 120)
    env = [{"name": f"{app.upper().replace('-', '_')}_SETTING_{i}", "value": r.choice(
        ["true", "https://api.acme.example/v2", "{\"retries\":3,\"backoff\":\"exponential\",\"regions\":[\"eu\","
         "\"us\"]}", "C:\\app\\config\\settings.json", "postgres://db.internal:5432/app?sslmode=require",
         "Grüße aus Köln", str(r.randint(1, 100000))])} for i in range(env_count)]
    return {"name": app, "image": f"{acct.id}.dkr.ecr.{region}.amazonaws.com/{app}:{rand_hex(r, 12)}",
            "cpu": 256, "memory": 512, "portMappings": [{"containerPort": 8080, "hostPort": 8080,
                                                         "protocol": "tcp", "name": f"{app}-8080-tcp"}],
            "essential": True, "environment": env, "mountPoints": [], "volumesFrom": [],
            "secrets": [{"name": "DB_PASSWORD", "valueFrom": f"arn:aws:secretsmanager:{region}:{acct.id}:secret:"
                                                             f"{r.choice(acct.secrets)}"}],
            "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": f"/ecs/{app}",
                                                                     "awslogs-region": region,
                                                                     "awslogs-stream-prefix": "ecs"}},
            "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"],
                            "interval": 30, "timeout": 5, "retries": 3},
            "command": ["sh", "-c", "exec java -jar /app.jar --spring.profiles.active=\"$PROFILE\""]}


@event("ecs.amazonaws.com", "RegisterTaskDefinition", 0.06, False, fail_bias=4.0, actors={"ci": 6.0})
def ecs_register_task_definition(r, ctx, actor):
    a = ctx.account
    app = r.choice(APPS)
    containers = [container_definition(r, a, ctx.region, app) for _ in range(r.randint(1, 3))]
    req = {"family": f"{app}-{a.name}", "taskRoleArn": f"arn:aws:iam::{a.id}:role/ecs-task-{app}-{a.name}",
           "executionRoleArn": f"arn:aws:iam::{a.id}:role/ecsTaskExecutionRole", "networkMode": "awsvpc",
           "containerDefinitions": containers, "requiresCompatibilities": ["FARGATE"], "cpu": "256",
           "memory": "512", "runtimePlatform": {"cpuArchitecture": "X86_64", "operatingSystemFamily": "LINUX"}}
    revision = r.randint(1, 400)
    td = dict(req)
    td.update({"taskDefinitionArn": f"arn:aws:ecs:{ctx.region}:{a.id}:task-definition/{req['family']}:{revision}",
               "revision": revision, "status": "ACTIVE", "registeredAt": us_date(ctx.start),
               "registeredBy": actor.arn, "compatibilities": ["EC2", "FARGATE"],
               "requiresAttributes": [{"name": "com.amazonaws.ecs.capability.logging-driver.awslogs"},
                                      {"name": "ecs.capability.secrets.asm.environment-variables"},
                                      {"name": "com.amazonaws.ecs.capability.task-iam-role"}]})
    return req, {"taskDefinition": td, "tags": []}, None, None


@event("ecs.amazonaws.com", "DescribeTasks", 1.0, True, invokers=("ecs.amazonaws.com",), service_share=0.0)
def ecs_describe_tasks(r, ctx, actor):
    cluster = r.choice(ctx.account.clusters)
    return {"cluster": cluster, "tasks": [f"arn:aws:ecs:{ctx.region}:{ctx.account.id}:task/{cluster}/"
                                          f"{rand_hex(r, 32)}" for _ in range(r.randint(1, 5))],
            "include": ["TAGS"]}, None, None, None


@event("cloudformation.amazonaws.com", "DescribeStacks", 1.0, True, actors={"ci": 3.0})
def cloudformation_describe_stacks(r, ctx, actor):
    return {"stackName": r.choice(ctx.account.stacks)}, None, None, None


@event("cloudformation.amazonaws.com", "CreateStack", 0.03, False, fail_bias=12.0, actors={"ci": 5.0})
def cloudformation_create_stack(r, ctx, actor):
    a = ctx.account
    name = f"{r.choice(APPS)}-{a.name}-{r.randint(1, 99)}"
    req = {"stackName": name, "templateURL": f"https://s3.amazonaws.com/{a.buckets[0]}/cfn/{name}.yaml",
           "parameters": [{"parameterKey": "Env", "parameterValue": a.name},
                          {"parameterKey": "Vpc", "parameterValue": a.vpc}],
           "capabilities": ["CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"],
           "tags": [{"key": "owner", "value": r.choice(PEOPLE)}]}
    return req, {"stackId": f"arn:aws:cloudformation:{ctx.region}:{a.id}:stack/{name}/{uuid4(r)}"}, None, None


@event("organizations.amazonaws.com", "DescribeOrganization", 0.3, True, global_only=True, fail_bias=4.0)
def organizations_describe(r, ctx, actor):
    return None, None, None, None


@event("organizations.amazonaws.com", "ListAccounts", 0.1, True, global_only=True, fail_bias=8.0)
def organizations_list_accounts(r, ctx, actor):
    return {"maxResults": 20}, None, None, None


@event("cloudtrail.amazonaws.com", "LookupEvents", 0.2, True, actors={"human": 4.0})
def cloudtrail_lookup_events(r, ctx, actor):
    return {"lookupAttributes": [{"attributeKey": "EventName", "attributeValue": r.choice(
        ["ConsoleLogin", "AssumeRole", "PutBucketPolicy"])}], "maxResults": 50,
        "startTime": us_date(ctx.start - 86400)}, None, None, None


# Rarely seen services whose failure codes complete the list of authorization failures.
@event("apigateway.amazonaws.com", "GetRestApis", 0.05, True, fail_bias=10.0)
def apigateway_get_rest_apis(r, ctx, actor):
    return {"limit": 500}, None, None, None


@event("sso.amazonaws.com", "ListAccountRoles", 0.05, True, fail_bias=10.0, actors={"human": 5.0})
def sso_list_account_roles(r, ctx, actor):
    return {"accountId": ctx.account.id, "accessToken": HIDDEN}, None, None, None


@event("es.amazonaws.com", "ESHttpGet", 0.05, True, category="Data", fail_bias=10.0)
def es_http_get(r, ctx, actor):
    return {"domainName": f"{ctx.account.name}-search", "path": "/orders-*/_search",
            "query": "q=status:%22failed%22"}, None, None, None


@event("cognito-idp.amazonaws.com", "AdminGetUser", 0.05, True, fail_bias=10.0)
def cognito_admin_get_user(r, ctx, actor):
    return {"userPoolId": f"{ctx.region}_{rand_str(r, ALNUM, 9)}", "username": HIDDEN}, None, None, None


@event("guardduty.amazonaws.com", "GetFindings", 0.05, True, fail_bias=10.0, actors={"human": 3.0})
def guardduty_get_findings(r, ctx, actor):
    return {"detectorId": rand_hex(r, 32), "findingIds": [rand_hex(r, 32) for _ in range(r.randint(1, 10))]}, \
        None, None, None


# ----------------------------------------------------------------------------------------------------------
# Errors: authorization failures and other errors, with the messages services write
# ----------------------------------------------------------------------------------------------------------

REASONS = ["because no identity-based policy allows the {a} action",
           "with an explicit deny in an identity-based policy",
           "with an explicit deny in a service control policy",
           "because no resource-based policy allows the {a} action",
           "with an explicit deny in a resource-based policy",
           "because no session policy allows the {a} action",
           "because no permissions boundary allows the {a} action",
           "because no VPC endpoint policy allows the {a} action"]


def not_authorized(r, arn, action, resource, quoted=False):
    resource = f'"{resource}"' if quoted else resource
    return f"User: {arn} is not authorized to perform: {action} on resource: {resource} " \
           + r.choice(REASONS).format(a=action)


def encoded_failure(r):
    return "Encoded authorization failure message: " + rand_b64(r, r.randint(600, 1100), urlsafe=True)


def failure_s3(r, ctx, actor, spec, resource):
    u = r.random()
    if u < 0.55:
        return "AccessDenied", "Access Denied"
    if u < 0.95:
        return "AccessDenied", not_authorized(r, actor.arn, spec.action, resource, quoted=True)
    return "VpceAccessDenied", f"Access denied by the VPC endpoint policy of {r.choice(ctx.account.vpc_endpoints)}"


def failure_ec2(r, ctx, actor, spec, resource):
    u = r.random()
    res_arn = f"arn:aws:ec2:{ctx.region}:{ctx.account.id}:instance/*"
    if u < 0.75:
        return "Client.UnauthorizedOperation", "You are not authorized to perform this operation. " + \
            not_authorized(r, actor.arn, spec.action, res_arn) + ". " + encoded_failure(r)
    if u < 0.95:
        return "UnauthorizedOperation", "You are not authorized to perform this operation. " + encoded_failure(r)
    return "Client.AccessDenied", "You are not authorized to perform this operation."


def failure_json_service(r, ctx, actor, spec, resource):
    if actor.vpce and r.random() < 0.15:
        return "VpceAccessDenied", not_authorized(r, actor.arn, spec.action, resource) + \
            " with an explicit deny in a VPC endpoint policy"
    if spec.source.startswith("kms") and r.random() < 0.3:
        return "AccessDeniedException", "The ciphertext refers to a customer master key that does not exist, " \
                                        "does not exist in this region, or you are not allowed to access."
    return "AccessDeniedException", not_authorized(r, actor.arn, spec.action, resource)


def failure_query_service(r, ctx, actor, spec, resource):
    return "AccessDenied", not_authorized(r, actor.arn, spec.action, resource)


def failure_sqs(r, ctx, actor, spec, resource):
    return "AccessDenied", f"Access to the resource https://sqs.{ctx.region}.amazonaws.com/{ctx.account.id}/" \
                           f"{r.choice(ctx.account.queues)} is denied."


def failure_sns(r, ctx, actor, spec, resource):
    code = "AuthorizationError" if r.random() < 0.7 else "AuthorizationErrorException"
    return code, not_authorized(r, actor.arn, "SNS:" + spec.name, resource)


def failure_organizations(r, ctx, actor, spec, resource):
    if r.random() < 0.3:
        return "AccessDeniedForDependencyException", "The request failed because your credentials do not have " \
                                                     "permission to create the service-linked role required by " \
                                                     "AWS Organizations."
    return "AccessDeniedException", "You don't have permissions to access this resource."


FIXED_FAILURES = {
    "apigateway.amazonaws.com": [("ForbiddenException", "User: {arn} is not authorized to perform: apigateway:GET "
                                  "on resource: arn:aws:apigateway:{region}::/restapis"),
                                 ("Forbidden", "Forbidden")],
    "sso.amazonaws.com": [("UnauthorizedException", "Session token not found or invalid")],
    "es.amazonaws.com": [("Forbidden", "no permissions for [indices:data/read/search] and User "
                          "[name={arn}, backend_roles=[], requestedTenant=null]")],
    "cognito-idp.amazonaws.com": [("NotAuthorized", "User: {arn} is not authorized to perform: "
                                   "cognito-idp:AdminGetUser")],
    "guardduty.amazonaws.com": [("UnauthorizedAccess", "The request is rejected because the caller is not "
                                 "authorized to call this API.")],
    "cloudformation.amazonaws.com": [("InsufficientPermissionsException", "User: {arn} is not authorized to "
                                      "perform: iam:CreateRole on resource: role {region}-stack-role"),
                                     ("AccessDenied", "User: {arn} is not authorized to perform: "
                                      "cloudformation:CreateStack")],
}

FAILURE_BUILDERS = {
    "s3.amazonaws.com": failure_s3, "ec2.amazonaws.com": failure_ec2, "sqs.amazonaws.com": failure_sqs,
    "sns.amazonaws.com": failure_sns, "organizations.amazonaws.com": failure_organizations,
    "iam.amazonaws.com": failure_query_service, "sts.amazonaws.com": failure_query_service,
    "monitoring.amazonaws.com": failure_query_service, "signin.amazonaws.com": failure_query_service,
}


def authorization_failure(r, ctx, actor, spec, resources):
    resource = resources[0]["ARN"] if resources else \
        f"arn:aws:{spec.action.split(':')[0]}:{ctx.region}:{ctx.account.id}:*"
    if spec.source in FIXED_FAILURES:
        code, message = r.choice(FIXED_FAILURES[spec.source])
        return code, message.format(arn=actor.arn, region=ctx.region)
    return FAILURE_BUILDERS.get(spec.source, failure_json_service)(r, ctx, actor, spec, resource)


GENERIC_ERRORS = [("ThrottlingException", "Rate exceeded"),
                  ("ValidationException", "1 validation error detected: Value '500' at 'maxResults' failed to "
                                          "satisfy constraint: Member must have value less than or equal to 100"),
                  ("ExpiredTokenException", "The security token included in the request is expired"),
                  ("UnrecognizedClientException", "The security token included in the request is invalid.")]
OTHER_ERRORS = {
    "s3.amazonaws.com": [("NoSuchKey", "The specified key does not exist."),
                         ("NoSuchBucketPolicy", "The bucket policy does not exist"),
                         ("SlowDown", "Please reduce your request rate."),
                         ("SignatureDoesNotMatch", "The request signature we calculated does not match the "
                                                   "signature you provided. Check your key and signing method.")],
    "ec2.amazonaws.com": [("Client.InvalidInstanceID.NotFound", "The instance ID 'i-0123456789abcdef0' does not "
                                                                "exist"),
                          ("Client.RequestLimitExceeded", "Request limit exceeded."),
                          ("Client.DryRunOperation", "Request would have succeeded, but DryRun flag is set."),
                          ("Client.AuthFailure", "AWS was not able to validate the provided access credentials"),
                          ("Server.InsufficientInstanceCapacity", "We currently do not have sufficient "
                                                                  "capacity in the Availability Zone you requested")],
    "iam.amazonaws.com": [("NoSuchEntityException", "The role with name legacy-role cannot be found."),
                          ("EntityAlreadyExistsException", "Role with name deploy already exists."),
                          ("LimitExceededException", "Cannot exceed quota for PoliciesPerRole: 10")],
    "sts.amazonaws.com": [("InvalidClientTokenId", "The security token included in the request is invalid."),
                          ("ExpiredToken", "The security token included in the request is expired"),
                          ("RegionDisabledException", "STS is not activated in this region for account")],
    "kms.amazonaws.com": [("InvalidCiphertextException", ""), ("NotFoundException", "Alias is not found."),
                          ("KMSInvalidStateException", "is pending deletion.")],
    "lambda.amazonaws.com": [("ResourceNotFoundException", "Function not found"),
                             ("ResourceConflictException", "The operation cannot be performed at this time. "
                                                           "An update is in progress for resource"),
                             ("TooManyRequestsException", "Rate Exceeded.")],
    "dynamodb.amazonaws.com": [("ResourceNotFoundException", "Requested resource not found"),
                               ("ConditionalCheckFailedException", "The conditional request failed"),
                               ("ProvisionedThroughputExceededException", "The level of configured provisioned "
                                                                          "throughput for the table was exceeded.")],
    "sqs.amazonaws.com": [("AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist for "
                                                                      "this wsdl version.")],
    "secretsmanager.amazonaws.com": [("ResourceNotFoundException", "Secrets Manager can't find the specified "
                                                                   "secret.")],
    "logs.amazonaws.com": [("ResourceAlreadyExistsException", "The specified log stream already exists"),
                           ("ResourceNotFoundException", "The specified log group does not exist.")],
    "cognito-idp.amazonaws.com": [("NotAuthorizedException", "Incorrect username or password.")],
}


def other_error(r, ctx, spec):
    table = OTHER_ERRORS.get(spec.source)
    if table and r.random() < 0.8:
        return r.choice(table)
    return r.choice(GENERIC_ERRORS)


# ----------------------------------------------------------------------------------------------------------
# Records
# ----------------------------------------------------------------------------------------------------------

OK, FAILURE, ERROR = 0, 1, 2


class Catalog:
    """Event specs per region and per outcome, with cumulative weights for fast sampling."""

    def __init__(self):
        self.by_region = {}
        for region, _ in REGIONS:
            specs = [s for s in CATALOG if not s.global_only or region == GLOBAL_REGION]
            ok = cumulative([s.weight for s in specs])
            failing = cumulative([s.weight * s.fail_bias if s.event_type == "AwsApiCall" else 0 for s in specs])
            erroring = cumulative([s.weight for s in specs if s.event_type == "AwsApiCall"])
            self.by_region[region] = (specs, ok, failing, [s for s in specs if s.event_type == "AwsApiCall"],
                                      erroring)

    def pick(self, r, region, outcome):
        specs, ok, failing, api_specs, erroring = self.by_region[region]
        if outcome == OK:
            return r.choices(specs, cum_weights=ok)[0]
        if outcome == FAILURE:
            return r.choices(specs, cum_weights=failing)[0]
        return r.choices(api_specs, cum_weights=erroring)[0]


TLS = [("TLSv1.3", "TLS_AES_128_GCM_SHA256"), ("TLSv1.3", "TLS_AES_256_GCM_SHA384"),
       ("TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256")]


def make_record(catalog, ctx, index):
    """Record `index` of the file described by `ctx`; the same (ctx, index) always gives the same record.

    Returns (arrival, eventTime, record, outcome, is_decoy): CloudTrail writes records roughly in arrival
    order, so a late record (eventTime well before its arrival) sits among later ones."""
    r = ctx.rng
    r.seed((ctx.seed << 20) | index)
    u = r.random()
    outcome = FAILURE if u < FAILURE_RATE else ERROR if u < FAILURE_RATE + OTHER_ERROR_RATE else OK
    spec = catalog.pick(r, ctx.region, outcome)
    arrival = t = ctx.start + int(r.random() * (ctx.end - ctx.start))
    if r.random() < LATE_RATE:
        t -= r.randint(300, 1500)
    actor = ctx.pick_actor(r, spec, outcome == FAILURE)
    request, response, resources, additional = spec.build(r, ctx, actor)

    rec = {"eventVersion": spec.version, "userIdentity": actor.identity, "eventTime": iso(t),
           "eventSource": spec.source, "eventName": spec.name, "awsRegion": ctx.region,
           "sourceIPAddress": actor.ip, "userAgent": actor.agent}
    if actor.kind == "AssumedRole" and actor.console and r.random() < 0.2:
        rec["sourceIPAddress"] = rec["userAgent"] = "AWS Internal"
    if outcome == FAILURE:
        rec["errorCode"], rec["errorMessage"] = authorization_failure(r, ctx, actor, spec, resources)
        response = None
    elif outcome == ERROR:
        rec["errorCode"], message = other_error(r, ctx, spec)
        if message:
            rec["errorMessage"] = message
        response = None
    rec["requestParameters"] = request
    rec["responseElements"] = response
    if additional is not None:
        rec["additionalEventData"] = additional
    rec["requestID"] = rand_str(r, UPPER_ALNUM, 16) if spec.source == "s3.amazonaws.com" else uuid4(r)
    rec["eventID"] = uuid4(r)
    rec["readOnly"] = spec.read_only
    if resources:
        rec["resources"] = resources
    rec["eventType"] = spec.event_type
    rec["managementEvent"] = spec.category == "Management"
    rec["recipientAccountId"] = ctx.account.id
    if actor.kind in ("AWSAccount", "AWSService") and r.random() < 0.5:
        rec["sharedEventID"] = uuid4(r)
    if actor.vpce:
        rec["vpcEndpointId"] = actor.vpce
    rec["eventCategory"] = spec.category
    if actor.tls_host and spec.event_type == "AwsApiCall":
        version, suite = TLS[r.getrandbits(2) % 3]
        service = spec.source.split(".")[0]
        host = request["Host"] if request and "Host" in request else f"{service}.{ctx.region}.amazonaws.com"
        rec["tlsDetails"] = {"tlsVersion": version, "cipherSuite": suite, "clientProvidedHostHeader": host}
    if actor.console:
        rec["sessionCredentialFromConsole"] = "true"
    return arrival, t, rec, outcome, spec.decoy and outcome == OK


# ----------------------------------------------------------------------------------------------------------
# Planning: which files exist, how many records each holds, which records are delivered twice
# ----------------------------------------------------------------------------------------------------------

@dataclass
class PlannedFile:
    account: str
    region: str
    start: int          # event-time window [start, end)
    end: int
    delivered: int      # delivery time, in the file name
    count: int          # original records (duplicates come on top)
    seed: int
    suffix: str
    index: int = 0
    dups: list = field(default_factory=list)   # [(PlannedFile without dups, record index)]

    @property
    def key(self):
        stamp = time.strftime("%Y%m%dT%H%MZ", time.gmtime(self.delivered))
        day = time.strftime("%Y/%m/%d", time.gmtime(self.delivered))
        return f"AWSLogs/{self.account}/CloudTrail/{self.region}/{day}/" \
               f"{self.account}_CloudTrail_{self.region}_{stamp}_{self.suffix}.json.gz"

    def bare(self):
        """A copy without duplicates, to send along as the source of a duplicate."""
        return PlannedFile(self.account, self.region, self.start, self.end, self.delivered, self.count,
                           self.seed, self.suffix, self.index)


def plan_files(world, seed, days, total_records):
    """Lays out deliveries per (account, region) stream over `days`, `total_records` in all (on average).

    Activity follows the hour of day and the weekday, with noise and occasional bursts (deployments, batch
    jobs); slots without activity deliver no file. Only the record counts depend on `total_records`."""
    r = random.Random(derive_seed(seed, "plan"))
    counts = random.Random(derive_seed(seed, "plan-counts", total_records))
    slots = days * 86400 // SLOT_SECONDS
    slot_factor = []
    for k in range(slots):
        g = time.gmtime(START_EPOCH + k * SLOT_SECONDS)
        slot_factor.append(HOURLY[g.tm_hour] * (0.55 if g.tm_wday >= 5 else 1.0))
    slots_planned = []          # (account, region, slot start, delivery time, seed, relative activity)
    for acct in world.accounts:
        for region, region_weight in REGIONS:
            weight = acct.weight * region_weight * r.lognormvariate(0, 0.5)
            burst = 0
            for k in range(slots):
                activity = weight * slot_factor[k] * r.lognormvariate(-0.18, 0.6)
                if burst == 0 and r.random() < 0.004:
                    burst = r.randint(2, 12)
                if burst:
                    activity *= 6
                    burst -= 1
                slot_start = START_EPOCH + k * SLOT_SECONDS
                delivered = slot_start + SLOT_SECONDS + r.randint(30, 240)
                slots_planned.append((acct.id, region, slot_start, delivered, r.getrandbits(64), activity))
    scale = total_records / sum(s[-1] for s in slots_planned)
    files = []
    for account, region, slot_start, delivered, slot_seed, activity in slots_planned:
        n, part = poisson(counts, activity * scale), 0
        while n > 0:                    # a busy slot is delivered as several files
            m = min(n, MAX_RECORDS_PER_FILE)
            n -= m
            name_rng = random.Random(derive_seed(slot_seed, part, "name"))
            files.append(PlannedFile(account, region, slot_start - 60, slot_start + SLOT_SECONDS, delivered, m,
                                     derive_seed(slot_seed, part), rand_str(name_rng, ALNUM, 16)))
            part += 1
    files.sort(key=lambda f: f.key)
    for i, f in enumerate(files):
        f.index = i
    return files


def plan_duplicates(files, seed):
    """Picks ~DUPLICATE_RATE of the records to be delivered again in a later file of the same stream."""
    r = random.Random(derive_seed(seed, "duplicates"))
    streams = {}
    for f in sorted(files, key=lambda f: (f.account, f.region, f.delivered, f.key)):
        streams.setdefault((f.account, f.region), []).append(f)
    position = {id(f): i for stream in streams.values() for i, f in enumerate(stream)}
    total = sum(f.count for f in files)
    cum = cumulative([f.count for f in files])
    for _ in range(round(total * DUPLICATE_RATE)):
        target = r.choices(files, cum_weights=cum)[0]
        stream = streams[(target.account, target.region)]
        i = position[id(target)]
        if i == 0:
            continue
        source = stream[max(0, i - r.randint(1, 6))]
        target.dups.append((source.bare(), r.randrange(source.count)))


# ----------------------------------------------------------------------------------------------------------
# Generating one log file (runs in worker processes)
# ----------------------------------------------------------------------------------------------------------

_world = None
_catalog = None


def init_worker(seed):
    global _world, _catalog
    _world, _catalog = World(seed), Catalog()


def render_file(pf):
    """Builds, serializes and compresses one log file. Returns the bytes and what is in them."""
    ctx = FileContext(_world, pf)
    dumps = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode
    records, stats = [], Counter()
    sizes = []

    def add(arrival, order, t, rec, decoy):
        body = dumps(rec).encode()
        records.append((arrival, order, t, body))
        sizes.append(len(body))
        code = rec.get("errorCode")
        if code in AUTHORIZATION_FAILURE_CODES:
            stats["failures"] += 1
            stats["code:" + code] += 1
        elif code is not None:
            stats["other_errors"] += 1
        stats["decoys"] += decoy

    for i in range(pf.count):
        arrival, t, rec, _, decoy = make_record(_catalog, ctx, i)
        add(arrival, i, t, rec, decoy)
    records.sort(key=lambda x: (x[0], x[1]))
    if pf.dups:
        dup_rng = random.Random(pf.seed ^ 0x5DEECE66D)
        contexts = {}
        for source, index in pf.dups:
            sctx = contexts.get(source.index) or contexts.setdefault(source.index, FileContext(_world, source))
            arrival, t, rec, _, decoy = make_record(_catalog, sctx, index)
            before = len(records)
            add(arrival, index, t, rec, decoy)
            records.insert(dup_rng.randint(0, before), records.pop())
            stats["duplicates"] += 1
    body = b'{"Records":[' + b",".join(x[3] for x in records) + b"]}"
    compressed = gzip.compress(body, compresslevel=6, mtime=pf.delivered)
    times = [x[2] for x in records]
    return {"index": pf.index, "data": compressed, "uncompressed": len(body), "records": len(records),
            "sha256": hashlib.sha256(body).hexdigest(), "oldest": min(times) if times else pf.start,
            "newest": max(times) if times else pf.start, "stats": stats, "sizes": sizes}


def calibrate(files, seed):
    """Estimates compressed bytes per record by rendering a record-weighted sample of planned files."""
    r = random.Random(derive_seed(seed, "calibrate", len(files)))
    total = sum(f.count for f in files)
    budget = max(3000, min(20000, total // 50))
    cum = cumulative([f.count for f in files])
    ratios, used = [], 0
    while used < budget and files:
        f = r.choices(files, cum_weights=cum)[0]
        out = render_file(f.bare())
        ratios.append(len(out["data"]) / max(1, f.count))
        used += f.count
    return sum(ratios) / len(ratios)


# ----------------------------------------------------------------------------------------------------------
# Digest files
# ----------------------------------------------------------------------------------------------------------

def write_digests(out_dir, world, seed, written):
    """One digest per account, region and day, chained like CloudTrail's, listing that day's log files."""
    r = random.Random(derive_seed(seed, "digests"))
    groups = {}
    for info in written:
        pf = info["file"]
        day = (pf.delivered - START_EPOCH) // 86400
        groups.setdefault((pf.account, pf.region), {}).setdefault(day, []).append(info)
    count = size = 0
    for (account, region), days in sorted(groups.items()):
        previous = None
        for day in sorted(days):
            begin = START_EPOCH + day * 86400
            end = begin + 86400
            stamp = end + r.randint(300, 3000)
            day_path = time.strftime("%Y/%m/%d", time.gmtime(stamp))
            key = f"AWSLogs/{account}/CloudTrail-Digest/{region}/{day_path}/{account}_CloudTrail-Digest_" \
                  f"{region}_{TRAIL_NAME}_{region}_{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime(stamp))}.json.gz"
            infos = days[day]
            digest = {"awsAccountId": account, "digestStartTime": iso(begin), "digestEndTime": iso(end),
                      "digestS3Bucket": LOG_BUCKET, "digestS3Object": key,
                      "digestPublicKeyFingerprint": world.kms_fingerprint,
                      "digestSignatureAlgorithm": "SHA256withRSA",
                      "newestEventTime": iso(max(i["newest"] for i in infos)),
                      "oldestEventTime": iso(min(i["oldest"] for i in infos)),
                      "previousDigestS3Bucket": LOG_BUCKET if previous else None,
                      "previousDigestS3Object": previous[0] if previous else None,
                      "previousDigestHashValue": previous[1] if previous else None,
                      "previousDigestHashAlgorithm": "SHA-256" if previous else None,
                      "previousDigestSignature": rand_hex(r, 512) if previous else None,
                      "logFiles": [{"s3Bucket": LOG_BUCKET, "s3Object": i["file"].key, "hashValue": i["sha256"],
                                    "hashAlgorithm": "SHA-256", "newestEventTime": iso(i["newest"]),
                                    "oldestEventTime": iso(i["oldest"])} for i in infos]}
            body = json.dumps(digest, separators=(",", ":")).encode()
            data = gzip.compress(body, compresslevel=6, mtime=stamp)
            write_file(out_dir, key, data, stamp)
            previous = (key, hashlib.sha256(body).hexdigest())
            count += 1
            size += len(data)
    return count, size


def write_file(out_dir, key, data, mtime):
    path = os.path.join(out_dir, key)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    os.utime(path, (mtime, mtime))


# ----------------------------------------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------------------------------------

def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, help="output directory (AWSLogs/ and .manifest.json go there)")
    p.add_argument("--size-mb", type=float, default=300,
                   help="approximate total compressed size, in MB of 10^6 bytes (default 300)")
    p.add_argument("--seed", type=int, default=42, help="master seed (default 42)")
    p.add_argument("--days", type=int, default=0,
                   help="days of deliveries (default: 3 from 100 MB, 2 from 30 MB, else 1)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)")
    p.add_argument("--force", action="store_true", help="replace AWSLogs/ and .manifest.json in --out if present")
    return p.parse_args()


def prepare_output(out_dir, force):
    logs, manifest = os.path.join(out_dir, "AWSLogs"), os.path.join(out_dir, ".manifest.json")
    if os.path.exists(logs) or os.path.exists(manifest):
        if not force:
            sys.exit(f"gen-cloudtrail: {out_dir} already holds generated data; use --force to replace it")
        if os.path.exists(manifest):
            os.remove(manifest)
        shutil.rmtree(logs, ignore_errors=True)
    os.makedirs(out_dir, exist_ok=True)


def file_sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def percentile(sorted_values, q):
    if not sorted_values:
        return 0
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def main():
    args = parse_args()
    began = time.time()
    prepare_output(args.out, args.force)
    target = int(args.size_mb * 1_000_000)
    init_worker(args.seed)                      # the main process calibrates, so it needs the world too
    for table in FIXED_FAILURES.values():
        assert all(code in AUTHORIZATION_FAILURE_CODES for code, _ in table)

    days = args.days or (3 if args.size_mb >= 100 else 2 if args.size_mb >= 30 else 1)
    # Bytes per record depend on how full the files are, which depends on the number of records: iterate.
    per_record = 220.0
    for _ in range(4):
        files = plan_files(_world, args.seed, days, max(1, int(target / per_record)))
        estimate = calibrate(files, args.seed)
        converged = abs(estimate - per_record) < 0.02 * per_record
        per_record = estimate
        if converged:
            break
    files = plan_files(_world, args.seed, days, max(1, int(target / per_record)))
    plan_duplicates(files, args.seed)
    planned_records = sum(f.count + len(f.dups) for f in files)
    print(f"gen-cloudtrail: {len(files)} log files, ~{planned_records} records planned "
          f"(~{per_record:.0f} compressed bytes per record), {args.jobs} jobs", file=sys.stderr)

    totals, sizes, written = Counter(), [], []
    order = sorted(files, key=lambda f: -f.count)    # big files first balances the workers
    last_report = time.time()
    with multiprocessing.Pool(args.jobs, initializer=init_worker, initargs=(args.seed,)) as pool:
        for done, out in enumerate(pool.imap_unordered(render_file, order, chunksize=4), 1):
            pf = files[out["index"]]
            write_file(args.out, pf.key, out["data"], pf.delivered)
            totals.update(out["stats"])
            totals["records"] += out["records"]
            totals["compressed"] += len(out["data"])
            totals["uncompressed"] += out["uncompressed"]
            sizes.extend(out["sizes"])
            written.append({"file": pf, "sha256": out["sha256"], "oldest": out["oldest"],
                            "newest": out["newest"]})
            if time.time() - last_report > 5:
                last_report = time.time()
                print(f"  {done}/{len(files)} files, {totals['compressed'] / 1e6:.0f} MB", file=sys.stderr)
    written.sort(key=lambda i: i["file"].index)
    digests, digest_bytes = write_digests(args.out, _world, args.seed, written)

    sizes.sort()
    elapsed = time.time() - began
    codes = {k[5:]: v for k, v in sorted(totals.items()) if k.startswith("code:")}
    manifest = {
        "generator": "Scripts/gen-cloudtrail.py", "format": FORMAT_VERSION,
        "generator_sha256": file_sha256(__file__),
        "seed": args.seed, "size_mb": args.size_mb, "days": days,
        "log_files": len(files), "digest_files": digests, "records": totals["records"],
        "duplicates": totals["duplicates"], "authorization_failures": totals["failures"],
        "other_errors": totals["other_errors"], "decoys": totals["decoys"],
        "compressed_bytes": totals["compressed"], "uncompressed_bytes": totals["uncompressed"],
        "digest_bytes": digest_bytes, "record_bytes": {"mean": round(sum(sizes) / max(1, len(sizes))),
                                                       "p50": percentile(sizes, 0.5), "p99": percentile(sizes, 0.99),
                                                       "max": sizes[-1] if sizes else 0},
        "failure_codes": codes, "seconds": round(elapsed, 1),
    }
    with open(os.path.join(args.out, ".manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")

    mb = 1_000_000
    print(f"files:        {len(files)} log files + {digests} digest files")
    print(f"records:      {totals['records']} ({totals['duplicates']} duplicate deliveries)")
    print(f"failures:     {totals['failures']} authorization failures, {totals['other_errors']} other errors, "
          f"{totals['decoys']} decoys")
    print(f"record size:  mean {manifest['record_bytes']['mean']} B, p99 {manifest['record_bytes']['p99']} B, "
          f"max {manifest['record_bytes']['max']} B")
    print(f"compressed:   {totals['compressed']} bytes ({totals['compressed'] / mb:.1f} MB, "
          f"target {args.size_mb:g} MB)")
    print(f"uncompressed: {totals['uncompressed']} bytes ({totals['uncompressed'] / mb:.1f} MB, "
          f"ratio {totals['uncompressed'] / max(1, totals['compressed']):.1f}x)")
    print(f"time:         {elapsed:.1f} s")


if __name__ == "__main__":
    main()
