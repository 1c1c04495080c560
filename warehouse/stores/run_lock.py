"""One command at a time lands extracts or publishes the warehouse: a lock file beside it.

The lock is an `flock` on the file, held for the life of the process: the kernel drops it when
the process ends, however it ends, so the lock of a process that died never blocks the next
run. The file holds who has it (pid, host, command, start time) for the message of a run that
is refused; a clean release removes it, a killed process leaves it behind, and the next run
takes it over and says so.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class Holder:
    """Who holds (or last held) the lock."""

    pid: int
    host: str
    command: str
    started_at: str  # ISO 8601 with the UTC offset

    def describe(self) -> str:
        return f"`{self.command}` (pid {self.pid} on {self.host}, started {self.started_at})"


class AlreadyRunning(RuntimeError):
    """Another process holds the lock; `holder` is None while it is still writing its name."""

    def __init__(self, path: Path, holder: Holder | None) -> None:
        self.path, self.holder = path, holder
        who = holder.describe() if holder else "another run (just starting)"
        super().__init__(f"{who} is already working on this warehouse; lock file {path}")


@dataclass(frozen=True)
class Lock:
    """A held lock; `stale` is the holder a killed run left in the file, if any."""

    path: Path
    holder: Holder
    stale: Holder | None


def _read(fd: int) -> Holder | None:
    os.lseek(fd, 0, os.SEEK_SET)
    text = os.read(fd, 4096).decode("utf-8", "replace")
    try:
        data = json.loads(text)
        return Holder(int(data["pid"]), str(data["host"]), str(data["command"]),
                      str(data["started_at"]))
    except (ValueError, KeyError, TypeError):
        return None


def _same_file(fd: int, path: Path) -> bool:
    """The locked file is still the one at `path` (a releasing holder may have removed it
    between our open and our flock: then the lock we got guards nothing)."""
    try:
        named = path.stat()
    except FileNotFoundError:
        return False
    opened = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)


def holder_of(path: Path) -> Holder | None:
    """What the lock file says (a running process, or one that was killed), without locking."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        return _read(fd)
    finally:
        os.close(fd)


def running(path: Path) -> Holder | None:
    """The holder of the lock while a process holds it; None when nobody does (a file a
    killed run left behind is not running). Probes with a shared lock, released at once."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read(fd) or Holder(0, "?", "(starting)", "")
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


@contextlib.contextmanager
def hold(path: Path, command: str, *, wait_for: tuple[str, ...] = (),
         wait_seconds: float = 120.0) -> Iterator[Lock]:
    """Hold the lock at `path` for the `with` block, or raise AlreadyRunning at once; unless
    the holder is one of the commands `wait_for` (short runs, such as publishing a care-plan
    save), which it waits for, up to `wait_seconds`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read(fd)
            os.close(fd)
            short = holder is None or holder.command in wait_for
            if wait_for and short and time.monotonic() < deadline:
                time.sleep(0.05)  # the holder's flock is released when it finishes
                continue
            raise AlreadyRunning(path, holder) from None
        if _same_file(fd, path):
            break
        os.close(fd)
    try:
        stale = _read(fd)
        holder = Holder(os.getpid(), socket.gethostname(), command,
                        datetime.now().astimezone().isoformat(timespec="seconds"))
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(asdict(holder)).encode("utf-8"), 0)
        os.fsync(fd)
        yield Lock(path, holder, stale)
    finally:
        # Remove the file while still holding it: a process that opened it meanwhile finds
        # it gone after its flock (_same_file) and opens the path anew.
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        os.close(fd)
