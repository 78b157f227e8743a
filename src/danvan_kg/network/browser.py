"""Headless Chromium over the DevTools protocol: open a page, evaluate, take a screenshot.

Just enough of RFC 6455 (websocket) and of the protocol to drive the network pages in tests and
in :mod:`danvan_kg.network.screenshot`, with no extra dependency. Chromium is started with the
flags that work on a machine without network (no background requests, no sandbox when root)
and a fresh profile; every request the page makes is recorded, and JavaScript dialogs are
accepted and recorded.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from danvan_kg.errors import DanvanError

__all__ = ["Browser", "BrowserError", "Page", "find_chromium"]

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
)

WATCH_SCRIPT = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__violations.push(e.blockedURI);
});
"""
"""Runs before every page script: collects Content-Security-Policy violations."""


class BrowserError(DanvanError):
    """Chromium is missing, did not start, or a page did not do what was awaited."""


def find_chromium() -> str | None:
    """Path of a Chromium binary (``chromium``, ``chromium-browser``, ``google-chrome``), or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
        if found:
            return found
    return None


class _WebSocket:
    """Masked text frames out, whole messages in."""

    def __init__(self, url: str, timeout: float = 60.0) -> None:
        if not url.startswith("ws://"):
            raise BrowserError(f"not a DevTools websocket URL: {url}")
        host_port, _, path = url[5:].partition("/")
        host, _, port = host_port.partition(":")
        self.sock = socket.create_connection((host, int(port)), timeout=timeout)
        ws_key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {ws_key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise BrowserError("websocket handshake closed")
            head += chunk
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise BrowserError(head.decode(errors="replace"))

    def _exact(self, n: int) -> bytes:
        out = bytearray()
        while len(out) < n:
            chunk = self.sock.recv(n - len(out))
            if not chunk:
                raise BrowserError("websocket closed")
            out += chunk
        return bytes(out)

    def send(self, text: str) -> None:
        payload = text.encode()
        header = bytearray([0x81])
        n = len(payload)
        if n < 126:
            header.append(0x80 | n)
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(bytes(header) + mask + masked)

    def recv(self) -> str:
        message = b""
        while True:
            b0, b1 = self._exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._exact(8))[0]
            payload = self._exact(n)
            opcode = b0 & 0x0F
            if opcode == 0x8:
                raise BrowserError("websocket closed by chromium")
            if opcode in (0x9, 0xA):
                continue
            message += payload
            if b0 & 0x80:
                return message.decode()

    def close(self) -> None:
        self.sock.close()


class Page:
    """One tab: navigate, evaluate JavaScript, resize, capture; records requests and dialogs."""

    def __init__(self, ws_url: str) -> None:
        self.ws = _WebSocket(ws_url)
        self.next_id = 0
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        for method in ("Network.enable", "Page.enable", "Runtime.enable"):
            self.call(method)
        self.call("Page.addScriptToEvaluateOnNewDocument", source=WATCH_SCRIPT)

    def _event(self, message: dict[str, Any]) -> None:
        method = message.get("method")
        if method == "Network.requestWillBeSent":
            self.requests.append(message["params"]["request"]["url"])
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append(message["params"].get("message", ""))
            reply = {"id": 10**6 + len(self.dialogs), "method": "Page.handleJavaScriptDialog"}
            self.ws.send(json.dumps({**reply, "params": {"accept": True}}))

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one protocol command and return its result (events meanwhile are recorded)."""
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._event(message)

    def evaluate(self, expression: str) -> Any:
        """The JSON value of a JavaScript expression in the page."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def set_size(self, width: int, height: int) -> None:
        """Emulate a window of ``width`` × ``height`` CSS pixels."""
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def open(self, path: Path, timeout: float = 60.0) -> None:
        """Navigate to a local file and wait until the page says the network was drawn."""
        self.requests.clear()
        self.dialogs.clear()
        self.call("Page.navigate", url=path.resolve().as_uri())
        self.wait_for("document.documentElement.dataset.renderState === 'drawn'", timeout, path.name)

    def wait_for(self, expression: str, timeout: float = 30.0, what: str = "") -> None:
        """Poll until ``expression`` is true."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.evaluate(expression) is True:
                    return
            except BrowserError:
                pass  # a new document is not ready yet
            time.sleep(0.1)
        raise BrowserError(f"{what or expression}: not true within {timeout} s")

    def settle(self) -> None:
        """Wait for two animation frames, so that what the last action changed is painted."""
        self.call(
            "Runtime.evaluate",
            expression="new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))",
            awaitPromise=True,
        )

    def screenshot(self, target: Path) -> Path:
        """Write a PNG of the viewport to ``target``."""
        self.settle()
        shot = self.call("Page.captureScreenshot", format="png")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(shot["data"]))
        return target


class Browser:
    """A headless Chromium with one tab (``with Browser() as b: b.page.open(path)``)."""

    def __init__(self, binary: str | None = None, *, width: int = 1200, height: int = 800) -> None:
        found = binary or find_chromium()
        if not found:
            raise BrowserError("chromium is not installed (apt-get install chromium)")
        self.binary = found
        self.size = (width, height)
        self._profile: tempfile.TemporaryDirectory[str] | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self.page: Page

    def __enter__(self) -> Browser:
        self._profile = tempfile.TemporaryDirectory(prefix="danvan-chromium-", ignore_cleanup_errors=True)
        profile = Path(self._profile.name)
        width, height = self.size
        self._process = subprocess.Popen(
            [
                self.binary,
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            port_file = profile / "DevToolsActivePort"
            deadline = time.monotonic() + 30
            while not (port_file.exists() and port_file.read_text().strip()):
                if self._process.poll() is not None or time.monotonic() > deadline:
                    raise BrowserError("chromium did not start its DevTools endpoint")
                time.sleep(0.05)
            port = int(port_file.read_text().split()[0])
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
                targets = json.load(response)
            target = next(t for t in targets if t.get("type") == "page")
            self.page = Page(target["webSocketDebuggerUrl"])
            self.page.set_size(width, height)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *_exc: object) -> None:
        page = getattr(self, "page", None)
        if page is not None:
            page.ws.close()
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)
        if self._profile is not None:
            self._profile.cleanup()
