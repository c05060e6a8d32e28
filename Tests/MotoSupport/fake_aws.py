"""Local stand-ins for the AWS endpoints the S3 and credential tests need, on 127.0.0.1 only.

Modes:
  proxy --upstream URL [--rules JSON]   forwards to moto; rules inject faults for matching requests:
        {"path": "substring", "method": "GET", "query": "substring", "status": 503, "code": "SlowDown",
         "times": 2, "region": "eu-west-1", "reset": true}
        "times" bounds how often a rule fires (default: always); "reset" closes the connection without an
        answer; "region" answers 301 PermanentRedirect with x-amz-bucket-region unless the request is
        signed for that region (then it is forwarded). GET /__log returns the requests seen, as JSON.
  imds --creds JSON --role NAME         IMDSv2: PUT /latest/api/token, then the role and its credentials.
  ecs --creds JSON [--token TOKEN]      the container endpoint: any GET path, Authorization must match.
"""
import argparse, http.client, http.server, json, socket, sys, threading, urllib.parse

LOG = []
LOCK = threading.Lock()


def reply(handler, status, body=b"", headers=()):
    handler.send_response(status)
    for name, value in headers:
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(body)


def error_xml(code, message, region=None):
    extra = f"<Region>{region}</Region>" if region else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code><Message>{message}</Message>{extra}</Error>'.encode()


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    rules = []
    upstream = None

    def log_message(self, *args):
        pass

    def handle_any(self):
        if self.path == "/__log":
            with LOCK:
                body = json.dumps(LOG).encode()
            return reply(self, 200, body, [("Content-Type", "application/json")])
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        auth = self.headers.get("Authorization", "")
        with LOCK:
            LOG.append({"method": self.command, "path": self.path, "authorization": auth})
            rule = self.matching_rule(auth)
        if rule is not None:
            if rule.get("reset"):
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if "region" in rule:
                return reply(self, 301, error_xml("PermanentRedirect", "use the bucket's region", rule["region"]),
                             [("x-amz-bucket-region", rule["region"]), ("Content-Type", "application/xml")])
            code = rule.get("code", "Error")
            return reply(self, rule["status"], error_xml(code, "injected by fake_aws"), [("Content-Type", "application/xml")])
        self.forward(body)

    def matching_rule(self, auth):
        for rule in self.rules:
            if rule.get("method") and rule["method"] != self.command:
                continue
            parsed = urllib.parse.urlsplit(self.path)
            if rule.get("path") and rule["path"] not in urllib.parse.unquote(parsed.path):
                continue
            if rule.get("query") and rule["query"] not in urllib.parse.unquote(parsed.query):
                continue
            if "region" in rule and f"/{rule['region']}/s3/" in auth:
                continue
            if "times" in rule:
                if rule["times"] <= 0:
                    continue
                rule["times"] -= 1
            return rule
        return None

    def forward(self, body):
        target = urllib.parse.urlsplit(self.upstream)
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "accept-encoding")}
        connection.request(self.command, self.path, body=body or None, headers=headers)
        answer = connection.getresponse()
        data = answer.read()
        skip = ("transfer-encoding", "connection", "content-length")
        reply(self, answer.status, data, [(k, v) for k, v in answer.getheaders() if k.lower() not in skip])
        connection.close()

    do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = handle_any


class Metadata(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    creds = "{}"
    role = "role"
    token = "imds-token"

    def log_message(self, *args):
        pass

    def do_PUT(self):
        with LOCK:
            LOG.append({"method": "PUT", "path": self.path, "ttl": self.headers.get("x-aws-ec2-metadata-token-ttl-seconds")})
        if self.path == "/latest/api/token" and self.headers.get("x-aws-ec2-metadata-token-ttl-seconds"):
            return reply(self, 200, self.token.encode())
        reply(self, 400)

    def do_GET(self):
        if self.path == "/__log":
            with LOCK:
                return reply(self, 200, json.dumps(LOG).encode())
        with LOCK:
            LOG.append({"method": "GET", "path": self.path, "token": self.headers.get("x-aws-ec2-metadata-token")})
        if self.headers.get("x-aws-ec2-metadata-token") != self.token:
            return reply(self, 401)
        base = "/latest/meta-data/iam/security-credentials/"
        if self.path == base:
            return reply(self, 200, (self.role + "\n").encode())
        if self.path == base + self.role:
            return reply(self, 200, self.creds.encode())
        reply(self, 404)


class Container(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    creds = "{}"
    token = None

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/__log":
            with LOCK:
                return reply(self, 200, json.dumps(LOG).encode())
        with LOCK:
            LOG.append({"method": "GET", "path": self.path, "authorization": self.headers.get("Authorization")})
        if self.token is not None and self.headers.get("Authorization") != self.token:
            return reply(self, 403, b'{"message": "bad token"}')
        reply(self, 200, self.creds.encode(), [("Content-Type", "application/json")])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["proxy", "imds", "ecs"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--upstream")
    parser.add_argument("--rules", default="[]")
    parser.add_argument("--creds", default="{}")
    parser.add_argument("--role", default="role")
    parser.add_argument("--token")
    args = parser.parse_args()
    if args.mode == "proxy":
        handler = Proxy
        Proxy.upstream = args.upstream
        Proxy.rules = json.loads(args.rules)
    elif args.mode == "imds":
        handler = Metadata
        Metadata.creds, Metadata.role = args.creds, args.role
    else:
        handler = Container
        Container.creds, Container.token = args.creds, args.token
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
