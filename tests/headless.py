"""Headless Chromium for tests: open a page with the network cut off, wait for a condition, evaluate.

Chromium (Debian's package) is driven over its DevTools pipe (--remote-debugging-pipe: JSON messages
separated by NUL on file descriptors 3 and 4), so no package beyond the standard library is needed.
The browser runs in a network namespace of its own when `unshare -n` works (nothing but loopback, and
that down), and every request the page makes is recorded so a test can check it stayed local.
"""
from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass(frozen=True)
class Opened:
    values: tuple  # the value of each expression, evaluated once `ready` held (or the wait ran out)
    ready: bool
    exceptions: tuple[str, ...]  # uncaught JavaScript exceptions
    requests: tuple[str, ...]  # every URL the page asked for


def offline_prefix() -> list[str]:
    """`unshare -n` when this system lets us cut the network off that way, else nothing."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n"]
    return []


def open_page(url: str, ready: str, expressions: tuple[str, ...], timeout: float = 60) -> Opened:
    """Load url, wait until the JavaScript expression `ready` is true, then evaluate `expressions`."""
    with tempfile.TemporaryDirectory(prefix="headless-") as profile:
        browser = _Browser(profile)
        try:
            return browser.open(url, ready, expressions, timeout)
        finally:
            browser.close()


class _Browser:
    def __init__(self, profile: str):
        to_browser, self._writer = os.pipe()
        self._reader, from_browser = os.pipe()

        def descriptors() -> None:
            os.dup2(to_browser, 3)
            os.dup2(from_browser, 4)

        # no proxy and no name resolution either, in case the namespace could not be had
        command = [*offline_prefix(), CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--remote-debugging-pipe", f"--user-data-dir={profile}", "--proxy-server=127.0.0.1:9",
                   "--host-resolver-rules=MAP * ~NOTFOUND", "about:blank"]
        self._process = subprocess.Popen(command, pass_fds=(3, 4), preexec_fn=descriptors,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser)
        os.close(from_browser)
        self._buffer, self._count, self._events = b"", 0, []

    def open(self, url: str, ready: str, expressions: tuple[str, ...], timeout: float) -> Opened:
        deadline = time.monotonic() + timeout
        target = self._call("Target.createTarget", {"url": "about:blank"}, deadline)["targetId"]
        session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True}, deadline)["sessionId"]
        for domain in ("Runtime", "Network", "Page"):
            self._call(f"{domain}.enable", {}, deadline, session)
        self._call("Page.navigate", {"url": url}, deadline, session)
        done = False
        while not done and time.monotonic() < deadline:
            done = self._evaluate(ready, deadline, session) is True
            if not done:
                time.sleep(0.2)
        values = tuple(self._evaluate(e, deadline, session) for e in expressions)
        exceptions = tuple(e["params"]["exceptionDetails"].get("exception", {}).get("description", "")
                           or e["params"]["exceptionDetails"].get("text", "")
                           for e in self._events if e.get("method") == "Runtime.exceptionThrown")
        requests = tuple(e["params"]["request"]["url"] for e in self._events if e.get("method") == "Network.requestWillBeSent")
        return Opened(values, done, exceptions, requests)

    def close(self) -> None:
        self._process.kill()
        self._process.wait()
        os.close(self._writer)
        os.close(self._reader)

    def _evaluate(self, expression: str, deadline: float, session: str):
        result = self._call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, deadline, session)
        return result.get("result", {}).get("value")

    def _call(self, method: str, params: dict, deadline: float, session: str | None = None) -> dict:
        self._count += 1
        message = {"id": self._count, "method": method, "params": params, **({"sessionId": session} if session else {})}
        os.write(self._writer, json.dumps(message).encode("utf-8") + b"\0")
        while time.monotonic() < deadline:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                answer = json.loads(raw)
                if answer.get("id") == self._count:
                    return answer.get("result", {})
                self._events.append(answer)
            if select.select([self._reader], [], [], 0.5)[0]:
                chunk = os.read(self._reader, 1 << 20)
                if not chunk:
                    break
                self._buffer += chunk
        raise TimeoutError(f"Chromium did not answer {method}")
