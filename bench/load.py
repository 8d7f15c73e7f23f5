"""Issue 15 §4: the production server under a bounded loopback load, on a generated Party (docs/benchmarks.md).

Usage:  .venv/bin/pip install -r bench/requirements.txt       (locust, once)
        .venv/bin/python -m bench.load --database bench_load [--users 10,50] [--duration 60] [--workers 2]

On the PostgreSQL database `--database` (filled by bench.generate), it
1. creates a bench user (through accounts.services) holding an organization-board role over the largest
   province (`--superuser`: signs in as the generator's administrator instead), and an API token for it;
2. starts gunicorn as scripts/start.sh does (DEBUG off, `--workers` processes of 4 threads) on a free loopback
   port, signs in through the real sign-in page and keeps the session cookie;
3. runs locust headless (bench/locustfile.py), once per scenario and number of users, for `--duration` seconds:
   the member list of a cell and of a commune, the province's figures over twelve months through the API, a
   member file (one of 200 of the commune at random), the home page; each user sends its next request as soon
   as the last one is answered (`--think S`: after reading the page S seconds ±50 %), anything but a 200 is an
   error; with think time the users arrive over one think time, not all at once;
4. prints for each run the requests, errors, requests per second and p50/p95/p99/max in ms (locust rounds times
   over 100 ms to 10 ms, over 1 s to 100 ms), the load average of the machine, and the resident memory (RSS) of
   each gunicorn worker sampled twice a second (peak and at the end); then stops the server.
Nothing here asserts a time: it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests  # a locust dependency (bench/requirements.txt)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
YEAR = ("2025-07-01", "2026-06-30")  # the figures of bench.run: twelve months of today's tree
USERNAME = "bench-load"


@dataclass
class Scenario:
    name: str
    paths: list[str]
    api: bool = False  # the bearer token, not the session cookie


@dataclass
class Result:
    scenario: str
    users: int
    requests: int
    errors: int
    rps: float
    p50: float
    p95: float
    p99: float
    max: float
    load: tuple[float, float]  # 1-minute load average before and after
    error_kinds: str = ""


@dataclass
class Memory:
    """RSS in MB of the master and each worker: the peak over the samples and the last sample."""
    peak: dict[int, float] = field(default_factory=dict)
    last: dict[int, float] = field(default_factory=dict)
    master: float = 0.0


# ----------------------------------------------------------------------------- the data: user, scenarios


def prepare(*, superuser: bool) -> tuple[str, str, list[Scenario], str]:
    """(user name, password, scenarios, a description of the organizations): the largest province, its largest
    commune and that commune's largest cell; see the module docstring."""
    from django.db.models import Count

    from accounts.models import RoleKind, User
    from accounts.services import role_grant, user_create, user_password_set
    from bench.run import _sized
    from members.models import Person
    from organizations.models import Organization

    admin = User.objects.filter(username="bench").first() or User.objects.create_superuser("bench", password=None)
    province = _sized("province")
    commune = max(Organization.objects.filter(path__startswith=province.path, kind__code="commune",
                                              dissolved_on__isnull=True),
                  key=lambda o: Organization.objects.filter(path__startswith=o.path).count())
    cell = (Organization.objects.filter(path__startswith=commune.path, kind__code="cell", dissolved_on__isnull=True)
            .annotate(n=Count("people")).order_by("-n", "pk").first())
    assert cell is not None
    password = secrets.token_urlsafe(18)
    if superuser:
        user = admin
        user_password_set(actor=admin, user=user, password=password, reason="bench.load")
    else:
        user = User.objects.filter(username=USERNAME).first() or user_create(
            actor=admin, username=USERNAME, password=password, full_name="Bench Load", reason="bench.load")
        user_password_set(actor=admin, user=user, password=password, reason="bench.load")
        role_grant(actor=admin, user=user, kind=RoleKind.objects.get(code="organization-board"),
                   organization=province, reason="bench.load")
    files = list(Person.objects.filter(organization__path__startswith=commune.path,
                                       status__in=["probationary", "official", "exempted"])
                 .order_by("?").values_list("pk", flat=True)[:200])
    scenarios = [
        Scenario("cell member list", [f"/members/?organization={cell.pk}"]),
        Scenario("commune member list", [f"/members/?organization={commune.pk}"]),
        Scenario("province figures API", [
            f"/api/v1/organizations/{province.pk}/figures?from={YEAR[0]}&to={YEAR[1]}&as_of={YEAR[1]}"], api=True),
        Scenario("member file", [f"/members/{pk}/" for pk in files]),
        Scenario("home page", ["/"]),
    ]
    sizes = {o.pk: Person.objects.filter(organization__path__startswith=o.path,
                                         status__in=["probationary", "official", "exempted"]).count()
             for o in (province, commune, cell)}
    described = (f"province {province.name} ({sizes[province.pk]:,} members), commune {commune.name} "
                 f"({sizes[commune.pk]:,}), cell {cell.name} ({sizes[cell.pk]:,}); signed in as "
                 f"{'the administrator' if superuser else 'an organization-board officer of the province'}")
    return user.username, password, scenarios, described


def api_token(username: str) -> tuple[Any, str]:
    from accounts.models import User
    from accounts.services import api_token_create

    user = User.objects.get(username=username)
    return api_token_create(actor=user, user=user, name="bench-load", days=1)


# ----------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(*, database_url: str, workers: int, threads: int, var_dir: Path) -> tuple[subprocess.Popen[bytes],
                                                                                           str]:
    """gunicorn as scripts/start.sh runs it, on a free loopback port; returns once it answers."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "DANGVU_DEBUG": "0", "DANGVU_VAR_DIR": str(var_dir)}
    env.pop("DANGVU_ALLOWED_HOSTS", None)
    log = open(var_dir / "gunicorn.log", "ab")  # noqa: SIM115  # closed with the process
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn and arguments
        [str(BIN / "gunicorn"), "dangvu.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers",
         str(workers), "--threads", str(threads), "--timeout", "300", "--access-logfile",
         str(var_dir / "access.log"), "--error-logfile", "-", "--no-control-socket"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped (code {server.returncode}); see {var_dir / 'gunicorn.log'}")
        try:
            if requests.get(f"{url}/login/", timeout=30).status_code == 200:
                return server, url
        except requests.RequestException:
            time.sleep(0.5)
    stop_server(server)
    raise SystemExit("gunicorn did not answer within two minutes")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.terminate()  # the master stops its workers gracefully
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, 9)
            server.wait()


def sign_in(url: str, username: str, password: str) -> str:
    """The session cookie, through the real sign-in form (CSRF token and all)."""
    session = requests.Session()
    page = session.get(f"{url}/login/", timeout=60)
    token = session.cookies["csrftoken"]
    answer = session.post(f"{url}/login/", data={"username": username, "password": password,
                                                 "csrfmiddlewaretoken": token},
                          headers={"Referer": f"{url}/login/"}, allow_redirects=False, timeout=60)
    if answer.status_code != 302 or "sessionid" not in session.cookies:
        raise SystemExit(f"sign-in failed: HTTP {answer.status_code} ({page.status_code} for the form)")
    return f"sessionid={session.cookies['sessionid']}"


class MemorySampler(threading.Thread):
    def __init__(self, master_pid: int, memory: Memory) -> None:
        super().__init__(daemon=True)
        self.master_pid, self.memory, self.done = master_pid, memory, threading.Event()

    def sample(self) -> None:
        import psutil

        try:
            master = psutil.Process(self.master_pid)
            self.memory.master = master.memory_info().rss / 2**20
            children = master.children()
        except psutil.Error:
            return
        self.memory.last = {}
        for child in children:
            try:
                rss = child.memory_info().rss / 2**20
            except psutil.Error:
                continue
            self.memory.last[child.pid] = rss
            self.memory.peak[child.pid] = max(rss, self.memory.peak.get(child.pid, 0.0))

    def run(self) -> None:
        while not self.done.wait(0.5):
            self.sample()


# ----------------------------------------------------------------------------- the load


def run_locust(scenario: Scenario, *, url: str, users: int, seconds: int, think: float, headers: dict[str, str],
               out: Path) -> Result:
    prefix = out / f"{scenario.name.replace(' ', '_')}_{users}"
    env = {**os.environ, "BENCH_LOAD_NAME": scenario.name, "BENCH_LOAD_PATHS": json.dumps(scenario.paths),
           "BENCH_LOAD_HEADERS": json.dumps(headers), "BENCH_LOAD_THINK": str(think)}
    before = os.getloadavg()[0]
    with open(f"{prefix}.log", "wb") as log:
        subprocess.run(  # noqa: S603 - our own locust and arguments
            [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "-u", str(users), "-r",
             str(users / think if think else users), "-t", f"{seconds}s", "--host", url, "--csv", str(prefix),
             "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, check=True)
    after = os.getloadavg()[0]
    with open(f"{prefix}_stats.csv", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["Name"] == scenario.name)
    kinds = ""
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists():
        with open(failures, newline="") as handle:
            kinds = "; ".join(f"{r['Error']} ×{r['Occurrences']}" for r in csv.DictReader(handle))

    def number(key: str) -> float:
        value = row[key]
        return float(value) if value not in ("", "N/A") else float("nan")

    return Result(scenario.name, users, int(row["Request Count"]), int(row["Failure Count"]),
                  number("Requests/s"), number("50%"), number("95%"), number("99%"), number("Max Response Time"),
                  (before, after), kinds)


def warm_up(url: str, scenario: Scenario, headers: dict[str, str], times: int) -> None:
    """A few untimed requests so each worker has imported and connected before it is measured."""
    for index in range(times):
        answer = requests.get(url + scenario.paths[index % len(scenario.paths)], headers=headers, timeout=300,
                              allow_redirects=False)
        if answer.status_code != 200:
            print(f"  warm-up {scenario.name}: HTTP {answer.status_code}", flush=True)


def print_results(results: list[Result], memory: Memory, workers: int, threads: int) -> None:
    print(f"{'scenario':24}{'users':>6}{'requests':>9}{'errors':>7}{'req/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}"
          f"{'max':>8}   load avg")
    for r in results:
        print(f"{r.scenario:24}{r.users:6}{r.requests:9}{r.errors:7}{r.rps:8.1f}{r.p50:8.0f}{r.p95:8.0f}"
              f"{r.p99:8.0f}{r.max:8.0f}   {r.load[0]:.1f} → {r.load[1]:.1f}")
        if r.error_kinds:
            print(f"    errors: {r.error_kinds}")
    print(f"gunicorn: {workers} workers × {threads} threads; master RSS {memory.master:.0f} MB")
    for pid in sorted(memory.peak):
        print(f"  worker {pid}: RSS peak {memory.peak[pid]:.0f} MB, at the end {memory.last.get(pid, 0):.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True, help="PostgreSQL database (bench…) holding generated data")
    parser.add_argument("--users", default="10,50", help="numbers of concurrent users, comma-separated")
    parser.add_argument("--duration", type=int, default=60, help="seconds per scenario and number of users")
    parser.add_argument("--think", type=float, default=0.0,
                        help="seconds a user reads a page between requests (±50 %%); 0: none, the worst case")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (scripts/start.sh: 2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (scripts/start.sh: 4)")
    parser.add_argument("--only", help="comma-separated scenario names to run (default: all)")
    parser.add_argument("--superuser", action="store_true", help="sign in as the administrator")
    args = parser.parse_args()
    from bench.generate import use_database

    use_database(args.database, create=False)
    import django

    django.setup()
    username, password, scenarios, described = prepare(superuser=args.superuser)
    if args.only:
        wanted = {name.strip() for name in args.only.split(",")}
        scenarios = [s for s in scenarios if s.name in wanted]
    token, raw = api_token(username)
    from django.db import connection

    connection.close()  # the server's workers have the database to themselves
    var_dir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    print(f"database {args.database}: {described}\nlogs and locust CSV files: {var_dir}", flush=True)
    server, url = start_server(database_url=os.environ["DATABASE_URL"], workers=args.workers, threads=args.threads,
                               var_dir=var_dir)
    memory = Memory()
    sampler = MemorySampler(server.pid, memory)
    sampler.start()
    results = []
    try:
        cookie = sign_in(url, username, password)
        for users in [int(u) for u in args.users.split(",")]:
            for scenario in scenarios:
                headers = {"Authorization": f"Bearer {raw}"} if scenario.api else {"Cookie": cookie}
                warm_up(url, scenario, headers, times=2 * args.workers)
                result = run_locust(scenario, url=url, users=users, seconds=args.duration,
                                    think=args.think, headers=headers, out=var_dir)
                results.append(result)
                print(f"  {scenario.name}, {users} users: {result.requests} requests, p95 {result.p95:.0f} ms, "
                      f"{result.errors} errors", flush=True)
        sampler.sample()
    finally:
        sampler.done.set()
        stop_server(server)
        from accounts.services import api_token_revoke

        api_token_revoke(actor=token.user, token=token, reason="bench.load finished")
    print(f"database {args.database}; {args.duration} s per run; think time {args.think} s; times in ms")
    print_results(results, memory, args.workers, args.threads)


if __name__ == "__main__":
    main()
