"""Start and stop local SPARQL servers (Oxigraph, Virtuoso) on 127.0.0.1.

Used by ``danvan-kg serve``, by the integration tests and by the benchmarks, so that
every caller finds the binaries, picks ports, waits for readiness and shuts down the
same way. Servers are child processes; stopping sends SIGTERM and waits (bounded),
then kills.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

from danvan_kg.errors import EndpointError, StoreError
from danvan_kg.store.lock import store_is_locked

LOCALHOST = "127.0.0.1"


# --------------------------------------------------------------------------- binaries and ports


def find_oxigraph_binary() -> Path | None:
    """The ``oxigraph`` binary of the PyPI ``oxigraph`` package: next to the interpreter, else on PATH."""
    candidate = Path(sys.executable).parent / "oxigraph"
    if candidate.is_file() and os.access(candidate, os.X_OK):
        return candidate
    found = shutil.which("oxigraph")
    return Path(found) if found else None


def find_virtuoso_binary() -> Path | None:
    """``virtuoso-t`` (Debian ``virtuoso-opensource-7``) on PATH, if installed."""
    found = shutil.which("virtuoso-t")
    return Path(found) if found else None


def free_port(host: str = LOCALHOST) -> int:
    """A TCP port that is free right now on ``host`` (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def port_is_free(host: str, port: int) -> bool:
    """True when nothing listens on ``host:port`` and we could bind it (TIME_WAIT leftovers do not count)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def wait_for_http(
    url: str, process: subprocess.Popen[bytes], timeout: float, log: Path | None = None
) -> None:
    """Poll ``url`` until it answers (any HTTP status), the process dies, or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EndpointError(f"server exited during start-up: {_last_log_line(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answered: it is up
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise EndpointError(f"server did not answer at {url} within {timeout:.0f} s: {_last_log_line(log)}")


def _last_log_line(log: Path | None) -> str:
    if log is None or not log.exists():
        return "no log"
    lines = [
        ln.strip() for ln in log.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()
    ]
    for (
        line
    ) in lines:  # Oxigraph prints "Error: ..." followed by a backtrace: the error line is the useful one
        if line.startswith("Error:"):
            return line
    return lines[-1] if lines else "no output"


def stop_process(process: subprocess.Popen[bytes], timeout: float = 20.0) -> None:
    """SIGTERM, wait up to ``timeout`` seconds, then SIGKILL."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


# --------------------------------------------------------------------------- Oxigraph


class OxigraphServer:
    """An ``oxigraph serve`` (or ``serve-read-only``) child process on 127.0.0.1.

    ``location=None`` gives an in-memory server (read-write only). Endpoints:
    ``query_url`` (``/query``), ``update_url`` (``/update``), ``store_url`` (``/store``, Graph Store
    Protocol).
    """

    def __init__(
        self,
        location: Path | str | None = None,
        *,
        host: str = LOCALHOST,
        port: int | None = None,
        read_only: bool = False,
        union_default_graph: bool = True,
        binary: Path | None = None,
        timeout_s: float | None = None,
        pass_fds: tuple[int, ...] = (),
    ) -> None:
        self.location = Path(location) if location is not None else None
        self.timeout_s = timeout_s
        """Longest time a query may run before the server gives up on it (``None``: no limit)."""
        self.pass_fds = pass_fds
        """Descriptors the child inherits (``serve``'s store lock, so it lasts while the child lives)."""
        self.host = host
        self.port = port
        self.read_only = read_only
        self.union_default_graph = union_default_graph
        self.binary = binary
        self.process: subprocess.Popen[bytes] | None = None
        self._log_dir: tempfile.TemporaryDirectory[str] | None = None

    @property
    def url(self) -> str:
        """Base URL (the browser query page)."""
        return f"http://{self.host}:{self.port}/"

    @property
    def query_url(self) -> str:
        return f"http://{self.host}:{self.port}/query"

    @property
    def update_url(self) -> str:
        return f"http://{self.host}:{self.port}/update"

    @property
    def store_url(self) -> str:
        return f"http://{self.host}:{self.port}/store"

    @property
    def log_path(self) -> Path | None:
        return Path(self._log_dir.name) / "oxigraph.log" if self._log_dir else None

    def command(self) -> list[str]:
        """The argv that starts this server."""
        binary = self.binary or find_oxigraph_binary()
        if binary is None:
            raise EndpointError("the oxigraph server binary was not found (pip install oxigraph)")
        mode = "serve-read-only" if self.read_only else "serve"
        argv = [str(binary), mode, "--bind", f"{self.host}:{self.port}"]
        if self.location is not None:
            argv += ["--location", str(self.location)]
        elif self.read_only:
            raise StoreError("a read-only Oxigraph server needs a store folder")
        if self.union_default_graph:
            argv.append("--union-default-graph")
        if self.timeout_s:
            argv += ["--timeout-s", str(max(1, round(self.timeout_s)))]
        return argv

    def check(self) -> None:
        """Fail early, with one line, on a missing or locked store or a taken port."""
        if self.location is not None:
            if self.read_only and not (self.location / "CURRENT").exists():
                raise StoreError(f"no store at {self.location} (ingest or build one first)")
            if store_is_locked(self.location):
                raise StoreError(
                    f"the store {self.location} is open in another process (RocksDB lock); close it first"
                )
        if self.port is None:
            self.port = free_port(self.host)
        elif not port_is_free(self.host, self.port):
            raise EndpointError(
                f"port {self.port} on {self.host} is already in use; pick another with --port"
            )

    def start(self, timeout: float = 30.0) -> OxigraphServer:
        """Start the server and wait until it answers."""
        self.check()
        argv = self.command()
        self._log_dir = tempfile.TemporaryDirectory(prefix="danvan-oxigraph-")
        log_path = self.log_path
        assert log_path is not None
        with open(log_path, "wb") as log:
            self.process = subprocess.Popen(
                argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, pass_fds=self.pass_fds
            )
        try:
            wait_for_http(self.url, self.process, timeout, log_path)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop the server (SIGTERM) and remove its log folder."""
        if self.process is not None:
            stop_process(self.process)
        if self._log_dir is not None:
            self._log_dir.cleanup()
            self._log_dir = None

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


# --------------------------------------------------------------------------- Virtuoso

_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = {host}:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
AllowOSCalls = 0
DirsAllowed = ., {d}, /tmp
VADInstallDir = {d}/vad
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
MaxQueryMem = 1G

[HTTPServer]
ServerPort = {host}:{http_port}
ServerRoot = {d}/vsp
MaxClientConnections = 10
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
TempASPXDir = 0
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
HTTPThreadSize = 280000
HttpPrintWarningsInOutput = 0
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 120
DeferInferenceRulesInit = 0
"""


class VirtuosoServer:
    """A throw-away Virtuoso Open Source instance in its own folder, on 127.0.0.1.

    The ``dba`` password is set when the database is created. Endpoints:
    ``query_url`` (``/sparql``, anonymous, read-only), ``update_url`` (``/sparql-auth``,
    HTTP digest as dba) and ``store_url`` (``/sparql-graph-crud-auth``, Graph Store Protocol, digest).
    """

    user = "dba"

    def __init__(
        self, directory: Path | str | None = None, *, password: str = "danvan-test", host: str = LOCALHOST
    ) -> None:
        self.password = password
        self.host = host
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self.directory = Path(directory) if directory is not None else None
        self.http_port: int | None = None
        self.sql_port: int | None = None
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.http_port}/"

    @property
    def query_url(self) -> str:
        return f"http://{self.host}:{self.http_port}/sparql"

    @property
    def update_url(self) -> str:
        return f"http://{self.host}:{self.http_port}/sparql-auth"

    @property
    def store_url(self) -> str:
        return f"http://{self.host}:{self.http_port}/sparql-graph-crud-auth"

    @property
    def log_path(self) -> Path:
        assert self.directory is not None
        return self.directory / "virtuoso.log"

    def _write_ini(self) -> Path:
        assert self.directory is not None
        (self.directory / "vad").mkdir(parents=True, exist_ok=True)
        (self.directory / "vsp").mkdir(parents=True, exist_ok=True)
        ini = self.directory / "virtuoso.ini"
        ini.write_text(
            _VIRTUOSO_INI.format(
                d=self.directory, host=self.host, sql_port=self.sql_port, http_port=self.http_port
            ),
            encoding="utf-8",
        )
        return ini

    def start(self, timeout: float = 60.0) -> VirtuosoServer:
        """Create the database (setting the dba password), start the server and wait for ``/sparql``."""
        binary = find_virtuoso_binary()
        if binary is None:
            raise EndpointError("virtuoso-t was not found (apt install virtuoso-opensource-7)")
        if self.directory is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="danvan-virtuoso-")
            self.directory = Path(self._tmp.name)
        self.http_port = free_port(self.host)
        self.sql_port = free_port(self.host)
        ini = self._write_ini()
        base = [str(binary), "+configfile", str(ini), "+foreground"]
        if not (self.directory / "virtuoso.db").exists():
            init = subprocess.run(
                [*base, "+pwdold", "dba", "+pwddba", self.password, "+pwddav", self.password],
                cwd=self.directory,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                stdin=subprocess.DEVNULL,
                timeout=timeout,
                check=False,
            )
            if init.returncode != 0:
                raise EndpointError(
                    f"virtuoso-t could not create its database: {_last_log_line(self.log_path)}"
                )
        self.process = subprocess.Popen(
            base,
            cwd=self.directory,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
        try:
            wait_for_http(self.query_url, self.process, timeout, self.log_path)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop the server and remove its folder when we created it."""
        if self.process is not None:
            stop_process(self.process, timeout=30)
        if self._tmp is not None:
            with contextlib.suppress(OSError):
                self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> VirtuosoServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
