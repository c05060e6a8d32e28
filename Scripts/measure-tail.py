#!/usr/bin/env python3
"""Measures how fast `trailreplay tail` attributes a new log file: starts it on a temporary directory, renames
files into place one at a time (as `aws s3 sync` does) and times each until its last attribution is printed.

usage: Scripts/measure-tail.py BINARY SNAPSHOT_DIR [--files N] [--records R]
The snapshot need not match the records: every authorization failure is attributed (or reported unknown).
"""
import argparse, gzip, json, os, shutil, signal, statistics, subprocess, tempfile, time


def record(event_id, account="222233334444"):
    return {"eventVersion": "1.09", "userIdentity": {"type": "IAMUser", "principalId": "AIDAWORKLOADALICE0001",
            "arn": f"arn:aws:iam::{account}:user/alice", "accountId": account, "accessKeyId": "AKIAWORKLOADALICE001",
            "userName": "alice"}, "eventTime": "2026-11-28T10:00:00Z", "eventSource": "iam.amazonaws.com",
            "eventName": "DeleteRole", "awsRegion": "us-east-1", "errorCode": "AccessDenied",
            "errorMessage": "with an explicit deny in an identity-based policy",
            "requestParameters": {"roleName": "prod-app"}, "eventID": event_id, "eventType": "AwsApiCall",
            "recipientAccountId": account}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("snapshot")
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--records", type=int, default=50)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="tail-latency-")
    logs = os.path.join(work, "logs")
    os.makedirs(logs)
    out = open(os.path.join(work, "out.jsonl"), "w+")
    tail = subprocess.Popen([args.binary, "tail", logs, "--snapshot", args.snapshot, "--store",
                             os.path.join(work, "store.sqlite")], stdout=out, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        latencies = []
        seen = 0
        for n in range(args.files):
            ids = [f"f{n}-r{i}" for i in range(args.records)]
            data = gzip.compress(json.dumps({"Records": [record(i) for i in ids]}).encode())
            temporary = os.path.join(logs, f"file{n}.json.gz.a1b2c3d4")
            with open(temporary, "wb") as f:
                f.write(data)
            start = time.monotonic()
            os.rename(temporary, os.path.join(logs, f"file{n}.json.gz"))
            target = seen + args.records
            while True:
                out.seek(0)
                lines = out.read().count("\n")
                if lines >= target:
                    break
                time.sleep(0.002)
            latencies.append(time.monotonic() - start)
            seen = target
        latencies.sort()
        print(f"{args.files} files of {args.records} records: median {statistics.median(latencies) * 1000:.0f} ms, "
              f"max {latencies[-1] * 1000:.0f} ms from rename to last attribution printed")
    finally:
        tail.send_signal(signal.SIGTERM)
        tail.wait(timeout=30)
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
