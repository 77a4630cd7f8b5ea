#!/usr/bin/env python3
"""Mixed load against Shinrai behind a load balancer, for bench/cluster.sh (loopback only).

Signed-in users browse pages and log feedback through the form (with its CSRF token), API clients store feedback
with unique external ids, one manager imports a CSV file; midway the command given with --kill-command runs (it kills
one app instance). Every request carries an X-Request-Id, which the load balancer logs with the instance that served
it, so that a failure can be told apart as "in flight on the killed instance" afterwards.

Writes to --out: requests.tsv (one line per request), acknowledged.tsv (what the app said it stored), summary.json.
Only standard-library Python.
"""
import argparse
import base64
import csv
import http.client
import json
import os
import random
import re
import subprocess
import threading
import time
import uuid
from urllib.parse import urlencode

CSRF = re.compile(r'name="_csrf"\s+value="([^"]+)"')
TOKEN = re.compile(r'name="token"\s+value="([^"]+)"')
CHANNELS = ["EMAIL", "PHONE", "CHAT", "SURVEY", "REVIEW_SITE", "IN_PERSON"]
CATEGORIES = ["PRODUCT", "SERVICE", "DELIVERY", "BILLING"]
SIGNALS = ["transparency", "consistency", "communication", "quality", "values"]


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []
        self.acknowledged = []

    def request(self, **row):
        with self.lock:
            self.requests.append(row)

    def ack(self, kind, key):
        with self.lock:
            self.acknowledged.append((kind, key))


class Client:
    """One HTTP client with its own connection and cookie jar (a browser, or an API client)."""

    def __init__(self, host, port, recorder, actor, basic=None):
        self.host, self.port, self.recorder, self.actor = host, port, recorder, actor
        self.cookies = {}
        self.basic = basic
        self.conn = None
        self.last_upstream = ""

    def call(self, method, path, body=None, headers=None, kind="page"):
        headers = dict(headers or {})
        request_id = uuid.uuid4().hex
        headers["X-Request-Id"] = request_id
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.basic:
            headers["Authorization"] = "Basic " + base64.b64encode(self.basic.encode()).decode()
        started = time.time()
        status, location, upstream, text = 0, "", "", ""
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            raw = response.read()
            status = response.status
            location = response.getheader("Location", "")
            upstream = response.getheader("X-Upstream", "")
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    cookie_value = rest.split(";", 1)[0]
                    if "Max-Age=0" in value or cookie_value == "":
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = cookie_value
            text = raw.decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as ex:
            status = -1
            text = type(ex).__name__
            self.conn = None
        self.last_upstream = upstream
        self.recorder.request(id=request_id, actor=self.actor, kind=kind, method=method, path=path.split("?")[0],
                              status=status, location=location, upstream=upstream, started=started,
                              ended=time.time())
        return status, location, text


def bounced(status, location):
    return status in (301, 302, 303) and "/login" in location


def sign_in(client, username, password, tries=3):
    for attempt in range(tries):
        try:
            return sign_in_once(client, username, password)
        except RuntimeError:
            if attempt == tries - 1:
                raise
            time.sleep(1)


def sign_in_once(client, username, password):
    status, _, page = client.call("GET", "/login", kind="login")
    match = CSRF.search(page)
    if status != 200 or not match:
        raise RuntimeError(f"no sign-in page for {username}: {status}")
    body = urlencode({"username": username, "password": password, "_csrf": match.group(1)})
    status, location, _ = client.call("POST", "/login", body=body, kind="login",
                                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    if status != 302 or "/login" in location:
        raise RuntimeError(f"sign-in of {username} failed: {status} {location}")


def browsing_user(args, recorder, username, stop, lost, served_by, signed_in, go):
    client = Client(args.host, args.port, recorder, username)
    sign_in(client, username, args.password)
    signed_in.release()
    go.wait()
    rng = random.Random(username)
    pages = ["/", "/customers", "/customers?sort=trust", "/feedback", "/recovery"]
    while not stop.is_set():
        for path in pages:
            status, location, _ = client.call("GET", path)
            if bounced(status, location):
                lost.add(username)
                return
            served_by.setdefault(username, set()).add(client.last_upstream)
        status, location, page = client.call("GET", "/feedback/new", kind="form")
        if bounced(status, location):
            lost.add(username)
            return
        csrf, token = CSRF.search(page), TOKEN.search(page)
        if status != 200 or not csrf or not token:
            continue
        ref = f"CL-{rng.randrange(args.customers):05d}"
        fields = {"_csrf": csrf.group(1), "token": token.group(1), "customerRef": ref,
                  "customerName": f"Cluster customer {ref}", "segment": "SMB",
                  "receivedAt": time.strftime("%Y-%m-%dT%H:%M", time.localtime()),
                  "channel": rng.choice(CHANNELS), "category": rng.choice(CATEGORIES),
                  "nps": str(rng.randrange(11)), "comment": f"cluster form {uuid.uuid4().hex}"}
        for signal in rng.sample(SIGNALS, 2):
            fields[f"ratings[{signal}]"] = str(rng.randrange(1, 6))
        status, location, _ = client.call("POST", "/feedback", body=urlencode(fields), kind="form-post",
                                          headers={"Content-Type": "application/x-www-form-urlencoded"})
        if bounced(status, location):
            lost.add(username)
            return
        match = re.search(r"/feedback/(\d+)$", location)
        if status == 302 and match:
            recorder.ack("form", match.group(1))
        time.sleep(args.think)


def api_client(args, recorder, number, stop):
    client = Client(args.host, args.port, recorder, f"api-{number}", basic=f"{args.api_user}:{args.password}")
    rng = random.Random(number)
    while not stop.is_set():
        external_id = f"CL-API-{number}-{uuid.uuid4().hex}"
        ref = f"CL-{rng.randrange(args.customers):05d}"
        body = json.dumps({"externalId": external_id, "customerRef": ref, "customerName": f"Cluster customer {ref}",
                           "segment": "SMB", "receivedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                           "channel": rng.choice(CHANNELS), "category": rng.choice(CATEGORIES),
                           "ratings": {s: rng.randrange(1, 6) for s in rng.sample(SIGNALS, 3)},
                           "nps": rng.randrange(11)})
        status, _, _ = client.call("POST", "/api/v1/feedback", body=body, kind="api-post",
                                   headers={"Content-Type": "application/json"})
        if status == 201:
            recorder.ack("api", external_id)
        time.sleep(args.think / 4)


def importer(args, recorder, result):
    client = Client(args.host, args.port, recorder, args.import_user)
    sign_in(client, args.import_user, args.password)
    with open(args.csv, "rb") as f:
        content = f.read()
    # an upload cut off by the kill is uploaded again, as its user would
    for attempt in range(3):
        status, _, page = client.call("GET", "/import", kind="form")
        csrf = CSRF.search(page).group(1)
        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{csrf}\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cluster.csv\"\r\n"
                f"Content-Type: text/csv\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
        status, location, _ = client.call("POST", "/import", body=body, kind="import",
                                          headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        result.setdefault("upload_statuses", []).append(status)
        match = re.search(r"/import/(\d+)$", location)
        if match:
            break
        time.sleep(2)
    else:
        return
    job = match.group(1)
    result["job"] = job
    # progress from whichever instance the balancer picks
    while True:
        status, _, text = client.call("GET", f"/import/{job}/progress", kind="import-progress")
        if status == 200:
            progress = json.loads(text)
            result["progress"] = progress
            result.setdefault("progress_served_by", set()).add(client.last_upstream)
            if progress.get("finished"):
                return
        time.sleep(1)
        if time.time() > result["deadline"]:
            return


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--users", nargs="+", required=True)
    parser.add_argument("--api-user", required=True)
    parser.add_argument("--import-user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--api-clients", type=int, default=4)
    parser.add_argument("--customers", type=int, default=500)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--kill-at", type=float, default=30)
    parser.add_argument("--kill-command", required=True)
    parser.add_argument("--import-at", type=float, default=5)
    parser.add_argument("--csv", required=True)
    parser.add_argument("--think", type=float, default=0.2)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("loopback only")

    recorder, stop, lost, served_by = Recorder(), threading.Event(), set(), {}
    signed_in, go = threading.Semaphore(0), threading.Event()
    users = [threading.Thread(target=browsing_user, args=(args, recorder, u, stop, lost, served_by, signed_in, go),
                              daemon=True) for u in args.users]
    threads = users + [threading.Thread(target=api_client, args=(args, recorder, n, stop), daemon=True)
                       for n in range(args.api_clients)]
    # everyone signs in first (bcrypt is slow on a busy machine); the clock starts when they all have
    for t in users:
        t.start()
    for _ in users:
        if not signed_in.acquire(timeout=300):
            raise SystemExit("the users could not sign in")
    go.set()
    start = time.time()
    import_result = {"deadline": start + args.duration + 120}
    for t in threads[len(users):]:
        t.start()
    time.sleep(args.import_at)
    import_thread = threading.Thread(target=importer, args=(args, recorder, import_result), daemon=True)
    import_thread.start()
    time.sleep(max(0, args.kill_at - args.import_at))
    killed_at = time.time()
    before_kill = {u: set(s) for u, s in served_by.items()}
    subprocess.run(args.kill_command, shell=True, check=True)
    dead_at = time.time()
    time.sleep(max(0, args.duration - (time.time() - start)))
    stop.set()
    for t in threads:
        t.join(timeout=90)
    import_thread.join(timeout=max(1, import_result["deadline"] - time.time()))

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "requests.tsv"), "w", newline="") as f:
        writer = csv.writer(f, delimiter="\t")
        writer.writerow(["id", "actor", "kind", "method", "path", "status", "location", "upstream", "started",
                         "ended"])
        for r in recorder.requests:
            writer.writerow([r["id"], r["actor"], r["kind"], r["method"], r["path"], r["status"], r["location"],
                             r["upstream"], f"{r['started']:.3f}", f"{r['ended']:.3f}"])
    with open(os.path.join(args.out, "acknowledged.tsv"), "w", newline="") as f:
        writer = csv.writer(f, delimiter="\t")
        for kind, key in recorder.acknowledged:
            writer.writerow([kind, key])
    import_result.pop("deadline", None)
    import_result["progress_served_by"] = sorted(import_result.get("progress_served_by", []))
    summary = {"started": start, "killed_at": killed_at, "dead_at": dead_at, "ended": time.time(), "lost_sessions": sorted(lost),
               "users_served_before_kill": {u: sorted(s) for u, s in before_kill.items()},
               "import": import_result}
    with open(os.path.join(args.out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)


if __name__ == "__main__":
    main()
