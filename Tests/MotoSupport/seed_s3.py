"""Creates a bucket in moto and uploads objects described by a JSON spec; prints a manifest.

spec: {"bucket": "b", "objects": [{"key": "k", "size": 1000, "kind": "random"|"records"|"text"|"file",
       "body": "…", "path": "…", "content_encoding": "gzip"}]}
  random:  `size` pseudo-random bytes (seeded by the key);
  records: a gzip member of CloudTrail-like JSON records, about `size` bytes compressed;
  text:    `body` as given (gzip-compressed on upload when content_encoding is gzip);
  file:    the bytes of the file at `path`.
manifest (stdout, JSON): {key: {"sha256": of the stored bytes, "plain_sha256": of the bytes before
content encoding, "size": stored size}}.
"""
import gzip, hashlib, json, random, sys
from concurrent.futures import ThreadPoolExecutor
import boto3


def body_for(item):
    kind = item.get("kind", "random")
    if kind == "text":
        return item.get("body", "").encode()
    if kind == "file":
        with open(item["path"], "rb") as f:
            return f.read()
    rng = random.Random(item["key"])
    if kind == "random":
        return bytes(rng.getrandbits(8) for _ in range(item["size"]))
    records, size = [], 0
    while True:
        n = len(records)
        records.append({"eventVersion": "1.08", "eventID": f"{item['key']}-{n}", "eventTime": "2024-03-10T12:00:00Z",
                        "eventName": rng.choice(["GetObject", "PutObject", "AssumeRole", "DescribeInstances"]),
                        "errorCode": rng.choice(["AccessDenied", None]), "requestID": "%032x" % rng.getrandbits(128),
                        "sourceIPAddress": "203.0.113.%d" % rng.randrange(256)})
        if n % 200 == 199:
            size = len(gzip.compress(json.dumps({"Records": records}).encode(), mtime=0))
            if size >= item["size"]:
                return gzip.compress(json.dumps({"Records": records}).encode(), mtime=0)


def main():
    endpoint, spec_path = sys.argv[1], sys.argv[2]
    spec = json.load(open(spec_path))
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing",
                      aws_secret_access_key="testing")
    s3.create_bucket(Bucket=spec["bucket"])
    manifest = {}

    def put(item):
        plain = body_for(item)
        extra = {}
        stored = plain
        if item.get("content_encoding") == "gzip":
            stored = gzip.compress(plain, mtime=0)
            extra["ContentEncoding"] = "gzip"
        s3.put_object(Bucket=spec["bucket"], Key=item["key"], Body=stored, **extra)
        return item["key"], {"sha256": hashlib.sha256(stored).hexdigest(), "plain_sha256": hashlib.sha256(plain).hexdigest(),
                             "size": len(stored)}

    with ThreadPoolExecutor(8) as pool:
        for key, entry in pool.map(put, spec["objects"]):
            manifest[key] = entry
    json.dump(manifest, sys.stdout)


if __name__ == "__main__":
    main()
