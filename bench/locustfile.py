"""The locust user that bench/load.py runs headless, once per scenario and concurrency (docs/benchmarks.md).

Not run on its own: bench.load sets, in the environment,
  BENCH_LOAD_NAME     the scenario's name (the row of locust's statistics)
  BENCH_LOAD_PATHS    a JSON list of paths; each request takes one at random (a member file: one of many files)
  BENCH_LOAD_HEADERS  a JSON object of headers (the session cookie of a page, the bearer token of the API)
  BENCH_LOAD_THINK    seconds a user reads a page before the next request (uniform in ½–1½ of it); 0 (the
                      default): the next request as soon as the previous one is answered, the worst case for N users
 Anything but a 200 — a redirect to the sign-in page included — is counted as an error.
"""

from __future__ import annotations

import json
import os
import random

from locust import FastHttpUser, between, constant, task

NAME = os.environ.get("BENCH_LOAD_NAME", "request")
PATHS: list[str] = json.loads(os.environ.get("BENCH_LOAD_PATHS", '["/"]'))
HEADERS: dict[str, str] = json.loads(os.environ.get("BENCH_LOAD_HEADERS", "{}"))
THINK = float(os.environ.get("BENCH_LOAD_THINK", "0"))


class Visitor(FastHttpUser):
    wait_time = between(THINK / 2, THINK * 1.5) if THINK > 0 else constant(0)
    network_timeout = 120.0
    connection_timeout = 120.0

    @task
    def visit(self) -> None:
        with self.client.get(random.choice(PATHS), headers=HEADERS, name=NAME, allow_redirects=False,
                             catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
