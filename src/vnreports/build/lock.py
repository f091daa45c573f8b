"""One writer at a time, and named crash points for the interruption tests.

A build takes an exclusive lock on data/.build.lock, so two builds never write at once (DuckDB
allows one writer per file) and a build may safely remove the temporary files a killed build left.
`crash_point(name)` kills the process with SIGKILL when VNREPORTS_CRASH_AT names that point: the
tests use it to interrupt a build exactly between two steps.
"""

from __future__ import annotations

import fcntl
import os
import signal
from contextlib import contextmanager
from pathlib import Path


class BuildBusy(RuntimeError):
    """Another build holds the lock."""


@contextmanager
def build_lock(root: Path):
    path = root / "data" / ".build.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildBusy(f"another build is running (lock {path}); wait for it to finish") from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def crash_point(name: str) -> None:
    if os.environ.get("VNREPORTS_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
