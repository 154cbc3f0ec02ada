#!/usr/bin/env python3
"""Every acknowledged write survives a SIGKILL of the server (issue 10).

Starts the real `riaya serve` on a fresh SQLite file (and, when RIAYA_TEST_POSTGRES is set, on a
fresh database of that PostgreSQL server), makes writes from four client threads (creates and
read-modify-write updates of institutions), kills the server with SIGKILL at random moments,
restarts it, and reads back every write that got a 2xx: it must be there, as acknowledged (an
update whose answer was lost in the kill may or may not have landed, and nothing else).

Usage: riaya_kill_test.py PATH/TO/riaya
  RIAYA_KILLS   kills per backend (default 5: about ten seconds a backend)
  RIAYA_SEED    seed of the random moments (default: random, printed)
"""
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

PASSWORD = "Kill-test-passw0rd"
WRITERS = 4


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """One HTTP/1.1 request per connection, with the session cookie and CSRF token."""

    def __init__(self, port, cookie="", csrf=""):
        self.port, self.cookie, self.csrf = port, cookie, csrf

    def request(self, method, path, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Content-Type": "application/json"}
        if self.cookie:
            headers["Cookie"] = "riaya_session=" + self.cookie
        if self.csrf and method != "GET":
            headers["X-CSRF-Token"] = self.csrf
        try:
            connection.request(method, path, json.dumps(body) if body is not None else None, headers)
            reply = connection.getresponse()
            data = reply.read()
            for name, value in reply.getheaders():
                if name.lower() == "set-cookie" and value.startswith("riaya_session="):
                    self.cookie = value.split(";")[0][len("riaya_session="):]
            return reply.status, (json.loads(data) if data else None)
        finally:
            connection.close()


class Server:
    def __init__(self, riaya, database, log):
        self.riaya, self.database, self.log = riaya, database, log
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [self.riaya, "serve", "--database", self.database, "--listen", f"127.0.0.1:{self.port}", "--workers", "8"],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if Client(self.port).request("GET", "/readyz")[0] == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None:
                raise RuntimeError(f"riaya serve exited with {self.process.returncode}")
            time.sleep(0.05)
        raise RuntimeError("riaya serve did not become ready in 30 s")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.kill()


class Record:
    """What the writers were told about one institution."""

    def __init__(self, id, code, version, name_fr):
        self.id, self.code = id, code
        self.version, self.name_fr = version, name_fr  # as last acknowledged
        self.pending = None  # (version, name_fr) of an update whose answer was lost


def run(riaya, database, kills, rng, workdir, label):
    subprocess.run([riaya, "migrate", "--database", database], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([riaya, "demo", "--database", database], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([riaya, "user", "add", "--database", database, "--username", "writer", "--role", "division",
                    "--territory", "MA-BOD", "--password", PASSWORD], check=True, stdout=subprocess.DEVNULL)
    log = open(os.path.join(workdir, f"server-{label}.log"), "ab")
    server = Server(riaya, database, log)
    server.start()
    try:
        login = Client(server.port)
        status, body = login.request("POST", "/api/session", {"username": "writer", "password": PASSWORD})
        assert status == 200, f"login: {status} {body}"
        cookie, csrf = login.cookie, body["csrf_token"]
        status, body = Client(server.port, cookie, csrf).request("GET", "/api/institutions?page_size=1")
        assert status == 200 and body["items"], f"demo institutions: {status} {body}"
        template = body["items"][0]
        fields = {k: template[k] for k in ("category", "association_id", "commune_id", "status")}

        records, lock = [], threading.Lock()
        acknowledged = {"creates": 0, "updates": 0, "lost_answers": 0}
        running = threading.Event()
        stop = threading.Event()

        def writer(number):
            mine, sequence = [], 0
            while not stop.is_set():
                if not running.wait(0.1):
                    continue
                client = Client(server.port, cookie, csrf)
                sequence += 1
                try:
                    if not mine or rng.random() < 0.4:
                        code = f"K{label[0].upper()}-{number}-{sequence}"
                        status, body = client.request("POST", "/api/institutions",
                                                      dict(fields, code=code, name_ar="مؤسسة " + code, name_fr=code))
                        if status == 201:
                            record = Record(body["id"], code, body["version"], code)
                            mine.append(record)
                            with lock:
                                records.append(record)
                                acknowledged["creates"] += 1
                        else:
                            raise AssertionError(f"create: {status} {body}")
                    else:
                        record = rng.choice(mine)
                        status, current = client.request("GET", f"/api/institutions/{record.id}")
                        assert status == 200, f"read {record.code}: {status} {current}"
                        if record.pending and current["version"] == record.pending[0]:
                            record.version, record.name_fr = record.pending
                        record.pending = None
                        assert (current["version"], current["name_fr"]) == (record.version, record.name_fr), \
                            f"{record.code}: stored {current['version']}/{current['name_fr']}," \
                            f" acknowledged {record.version}/{record.name_fr}"
                        name = f"{record.code} v{record.version + 1}"
                        record.pending = (record.version + 1, name)
                        status, body = client.request("PUT", f"/api/institutions/{record.id}",
                                                      dict(current, name_fr=name))
                        assert status == 200, f"update {record.code}: {status} {body}"
                        record.version, record.name_fr, record.pending = body["version"], body["name_fr"], None
                        with lock:
                            acknowledged["updates"] += 1
                except (OSError, http.client.HTTPException):
                    with lock:
                        acknowledged["lost_answers"] += 1  # killed mid-request: outcome unknown
                    time.sleep(0.02)
                except AssertionError as error:
                    failures.append(str(error))
                    stop.set()

        failures = []
        threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        for _ in range(kills):
            running.set()
            time.sleep(rng.uniform(0.2, 1.2))
            server.kill()
            running.clear()
            time.sleep(0.1)  # let the writers see the refused connections
            server.start()
            if failures:
                break
        running.set()
        time.sleep(0.3)
        stop.set()
        for thread in threads:
            thread.join()

        # Every acknowledged write, read back after the last restart.
        client = Client(server.port, cookie, csrf)
        for record in records:
            status, current = client.request("GET", f"/api/institutions/{record.id}")
            if status != 200:
                failures.append(f"{record.code}: acknowledged create is gone ({status})")
                continue
            stored = (current["version"], current["name_fr"])
            if stored != (record.version, record.name_fr) and stored != record.pending:
                failures.append(f"{record.code}: stored {stored}, acknowledged {(record.version, record.name_fr)}")
        print(f"{label}: {kills} kills, {acknowledged['creates']} creates and {acknowledged['updates']} updates"
              f" acknowledged, {acknowledged['lost_answers']} answers lost in kills, {len(failures)} failures")
        for failure in failures[:20]:
            print("FAIL", failure)
        return not failures
    finally:
        server.stop()
        log.close()


def postgres_database(url, workdir):
    """A fresh database on the server of `url` (the API suite empties that one)."""
    parts = urllib.parse.urlparse(url)
    name = f"riaya_kill_{os.getpid()}"
    createdb = "/usr/lib/postgresql/15/bin/createdb"
    if not os.path.exists(createdb):
        createdb = shutil.which("createdb")
    subprocess.run([createdb, "-h", parts.hostname, "-p", str(parts.port or 5432), "-U", parts.username or "riaya",
                    name], check=True)
    return urllib.parse.urlunparse(parts._replace(path="/" + name))


def main():
    riaya = os.path.abspath(sys.argv[1])
    kills = int(os.environ.get("RIAYA_KILLS", "5"))
    seed = int(os.environ.get("RIAYA_SEED", str(random.randrange(1 << 30))))
    print(f"seed {seed} (RIAYA_SEED={seed} repeats these kill moments)")
    rng = random.Random(seed)
    workdir = tempfile.mkdtemp(prefix="riaya-kill-")
    ok = True
    try:
        ok &= run(riaya, f"sqlite:{workdir}/riaya.db", kills, rng, workdir, "sqlite")
        if os.environ.get("RIAYA_TEST_POSTGRES"):
            ok &= run(riaya, postgres_database(os.environ["RIAYA_TEST_POSTGRES"], workdir), kills, rng, workdir,
                      "postgres")
        else:
            print("postgres: not run (RIAYA_TEST_POSTGRES is not set; scripts/with-postgres sets it)")
    finally:
        if ok:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"server logs kept in {workdir}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
