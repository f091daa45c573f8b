"""One writer at a time (build, add, import), and named crash points for the interruption tests.

Every command that writes the project's data (`make build`: curate and warehouse; `make add`,
`make import`) runs inside `build_lock(root, "<command>")`: an exclusive lock (flock) on
data/.build.lock, so two writers never write at once (DuckDB allows one writer per file) and a
build may safely remove the temporary files a killed build left. The holder writes its pid, start
time and command into the lock file. A second writer waits up to VNREPORTS_LOCK_WAIT seconds
(default 5), then fails with a message naming the holder. The lock is released when the holder
ends, even when it is killed. Readers (make sql, make query, notebooks) never take it.

`crash_point(name)` kills the process with SIGKILL when VNREPORTS_CRASH_AT names that point: the
tests use it to interrupt a build exactly between two steps.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

LOCK_WAIT_ENV = "VNREPORTS_LOCK_WAIT"
DEFAULT_WAIT = 5.0


class BuildBusy(RuntimeError):
    """Another writer holds the lock."""


def lock_path(root: Path) -> Path:
    return root / "data" / ".build.lock"


def holder(root: Path) -> dict:
    """What the lock file says about its holder: pid, started (ISO time), command; {} when empty."""
    try:
        return json.loads(lock_path(root).read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}


def _busy(root: Path, waited: float) -> BuildBusy:
    h = holder(root)
    if h.get("pid"):
        since = h.get("started", "?")
        try:
            ago = f", {time.time() - datetime.fromisoformat(since).timestamp():.0f} s ago"
        except (TypeError, ValueError):
            ago = ""
        who = f"pid {h['pid']} ({h.get('command', '?')}), started {since}{ago}"
    else:
        who = "a process that has not written its name yet"
    return BuildBusy(f"another writer (build, add or import) is running: {who}, holds {lock_path(root)}; "
                     f"waited {waited:g} s. Wait for it to finish and run the command again (the lock is "
                     f"released when that process ends, even if it is killed; {LOCK_WAIT_ENV}=<seconds> waits "
                     "longer). Reading the warehouse (make sql, make query, notebooks) is never blocked.")


@contextmanager
def build_lock(root: Path, command: str = "build", wait: float | None = None):
    """Hold the writers' lock for the block; BuildBusy when another writer keeps it beyond `wait` seconds."""
    if wait is None:
        wait = float(os.environ.get(LOCK_WAIT_ENV, DEFAULT_WAIT))
    path = lock_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)  # not truncated: the holder's name stays readable
    with os.fdopen(fd, "r+", encoding="utf-8") as fh:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise _busy(root, wait) from None
                time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))
        try:
            fh.seek(0)
            fh.truncate()
            fh.write(json.dumps({"pid": os.getpid(), "started": datetime.now().astimezone().isoformat(
                timespec="seconds"), "command": command}) + "\n")
            fh.flush()
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fh.flush()
            fcntl.flock(fh, fcntl.LOCK_UN)


def crash_point(name: str) -> None:
    if os.environ.get("VNREPORTS_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
