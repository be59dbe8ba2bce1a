#!/usr/bin/env python3
"""Rollback benchmark (SC-005: rollback within 3 minutes).

Against a running local stack with an app whose environment has at least two releases that went live
(see docs/benchmarks.md), rolls the environment back and forth between the live release and the one
before it, ROUNDS times, with the real CLI (`./slipway rollback ... --to N`), and measures:

  switch      deploy-service's own record: rollback requested (row written) -> release switched
  served      CLI invoked -> the site serves the target release's commit (build-info.json)
  cli         wall time of the `./slipway rollback` command (includes starting a JVM and joining Kafka)

Leaves the environment where it found it and resumes it. Standard library only.
"""
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = os.environ.get("SLIPWAY_DEPLOY_URL", "http://127.0.0.1:8083")
APP, ENV = (sys.argv[1], sys.argv[2]) if len(sys.argv) > 2 else ("shop", "production")
ROUNDS = int(os.environ.get("ROUNDS", "20"))


def token():
    """The CLI's token: SLIPWAY_TOKEN, else the credentials `./slipway up` wrote."""
    if os.environ.get("SLIPWAY_TOKEN"):
        return os.environ["SLIPWAY_TOKEN"]
    home = Path(os.environ.get("SLIPWAY_HOME", Path.home() / ".slipway"))
    return (home / "credentials").read_text().strip()


def get(path):
    request = urllib.request.Request(DEPLOY + path, headers={"Authorization": "Bearer " + token()})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer)


def served_commit(url):
    try:
        with urllib.request.urlopen(url + "build-info.json", timeout=5) as answer:
            return json.load(answer).get("commit")
    except OSError:
        return None


def parse(ts):
    return datetime.fromisoformat(ts.replace("Z", "+00:00"))


def summary(name, values):
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    print(f"  {name:<8} n={len(values)}  p50 {statistics.median(values):8.1f} ms   p95 {p95:8.1f} ms   "
          f"max {values[-1]:8.1f} ms")


def main():
    environment = next(e for e in get(f"/api/apps/{APP}/environments") if e["environment"] == ENV)
    live = environment["live"]["version"]
    url = environment["url"]
    went_live = [d for d in get(f"/api/apps/{APP}/deployments?environment={ENV}&limit=200")
                 if d["status"] == "SUCCEEDED"]
    commits = {d["version"]: d["commitSha"] for d in went_live}
    earlier = [v for v in commits if v != live]
    if not earlier:
        sys.exit(f"{APP}/{ENV} needs two releases that went live; see docs/benchmarks.md")
    targets = [max(earlier), live]
    print(f"{APP}/{ENV}: alternating between v{targets[0]} and v{targets[1]}, {ROUNDS} rollbacks")

    served, cli = [], []
    for i in range(ROUNDS):
        to = targets[i % 2]
        started = time.monotonic()
        done = subprocess.run([str(ROOT / "slipway"), "rollback", APP, ENV, "--to", str(to), "--reason", "benchmark"],
                              capture_output=True, text=True)
        cli.append((time.monotonic() - started) * 1000)
        if done.returncode != 0:
            sys.exit(f"rollback to v{to} failed:\n{done.stdout}{done.stderr}")
        while served_commit(url) != commits[to]:
            if time.monotonic() - started > 180:
                sys.exit(f"v{to} was not served within 3 minutes")
        served.append((time.monotonic() - started) * 1000)

    rollbacks = get(f"/api/apps/{APP}/rollbacks?environment={ENV}&limit={ROUNDS}")
    switch = [(parse(r["finishedAt"]) - parse(r["requestedAt"])).total_seconds() * 1000
              for r in rollbacks if r["status"] == "COMPLETED"]
    subprocess.run([str(ROOT / "slipway"), "resume", APP, ENV], capture_output=True)
    summary("switch", switch)
    summary("served", served)
    summary("cli", cli)


if __name__ == "__main__":
    main()
