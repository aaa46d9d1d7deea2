"""Throwaway PostgreSQL and Redis servers on loopback, for the real-services leg.

    python -m tests.services -- python -m pytest -q

starts a PostgreSQL 15 cluster and a Redis server on free ports in temporary
directories, exports DATABASE_URL and REDIS_URL to the command, and stops both
afterwards. Tests that need to stop and restart Redis use RedisServer directly.

When the server binaries are missing the leg is skipped with a loud message, unless
CI=true, where a missing server is a failure.
"""

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

POSTGRES_BIN_GLOB = "/usr/lib/postgresql/*/bin"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), timeout=0.5),
        ):
            return
        time.sleep(0.1)
    raise TimeoutError(f"Nothing listened on 127.0.0.1:{port} within {timeout}s")


def postgres_bin_dir():
    for candidate in sorted(glob.glob(POSTGRES_BIN_GLOB), reverse=True):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def redis_server_binary():
    return shutil.which("redis-server")


class PostgresServer:
    """A PostgreSQL cluster in a temporary directory, trusting local connections.

    PostgreSQL refuses to run as root; when we are root it runs as the `postgres`
    system user that Debian's packages create.
    """

    def __init__(self):
        self.bin_dir = postgres_bin_dir()
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="cg-postgres-"))
        self.data_dir = self.directory / "data"
        self.process = None
        self.run_as = "postgres" if os.geteuid() == 0 else None

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args, **kwargs):
        return subprocess.run(
            args, check=True, capture_output=True, user=self.run_as, **kwargs
        )

    def start(self):
        if self.run_as:
            shutil.chown(self.directory, user=self.run_as)
        self._run(
            str(self.bin_dir / "initdb"),
            "--auth=trust",
            "--username=postgres",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "-D",
            str(self.data_dir),
        )
        self.process = subprocess.Popen(
            [
                str(self.bin_dir / "postgres"),
                "-D",
                str(self.data_dir),
                "-p",
                str(self.port),
                "-h",
                "127.0.0.1",
                "-k",
                str(self.directory),
                # A throwaway cluster: durability off makes the suite much faster.
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=200",
            ],
            stdout=subprocess.DEVNULL,
            stderr=open(self.directory / "server.log", "wb"),
            user=self.run_as,
        )
        wait_for_port(self.port)
        # The port opens slightly before the cluster accepts logins.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            ready = subprocess.run(
                [
                    str(self.bin_dir / "pg_isready"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(self.port),
                ],
                capture_output=True,
            )
            if ready.returncode == 0:
                return self
            time.sleep(0.2)
        raise TimeoutError("PostgreSQL did not become ready")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # fast shutdown
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.directory, ignore_errors=True)


class RedisServer:
    """A Redis server in a temporary directory with persistence off."""

    def __init__(self, port=None):
        self.binary = redis_server_binary()
        self.port = port or free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="cg-redis-"))
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


def missing_binaries():
    missing = []
    if postgres_bin_dir() is None:
        missing.append("PostgreSQL (initdb/postgres)")
    if redis_server_binary() is None:
        missing.append("redis-server")
    return missing


def main(argv):
    if "--" not in argv:
        print("usage: python -m tests.services -- COMMAND [ARGS…]", file=sys.stderr)
        return 2
    command = argv[argv.index("--") + 1 :]
    missing = missing_binaries()
    if missing:
        banner = "=" * 78
        print(
            f"{banner}\nREAL-SERVICES LEG DID NOT RUN: missing {', '.join(missing)}.\n"
            "Install them (see .ci/run) to test against PostgreSQL and Redis.\n"
            f"{banner}",
            file=sys.stderr,
        )
        return 1 if os.environ.get("CI", "").lower() == "true" else 0
    postgres = PostgresServer()
    redis = RedisServer()
    try:
        postgres.start()
        redis.start()
        env = dict(os.environ, DATABASE_URL=postgres.url, REDIS_URL=redis.url)
        print(
            f"Real services: PostgreSQL on 127.0.0.1:{postgres.port}, "
            f"Redis on 127.0.0.1:{redis.port}",
            flush=True,
        )
        return subprocess.run(command, env=env).returncode
    finally:
        redis.cleanup()
        postgres.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
