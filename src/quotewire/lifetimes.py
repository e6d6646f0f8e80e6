"""Processes that must not outlive the build that started them.

A build killed with SIGKILL runs no cleanup: its pool workers would wait on their task
queue forever (each holds the queue's write end itself, so it never reads end-of-file),
and a server it started would keep listening. Two remedies, both Linux/POSIX:

- ``exit_with_parent()`` in a worker: a thread that ends the worker when its parent is
  gone (its parent pid changes to the reaper's).
- ``reap_with_this_process(pid)`` in the build: a small watcher process that terminates
  ``pid`` once the build is gone; call ``stop()`` on it when ``pid`` is stopped normally.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import threading
import time

_watching: list[int] = []

# The watcher's whole program: it is a child of the build, so its parent pid changes when
# the build dies; then SIGTERM, a grace period, SIGKILL.
_WATCHER = """
import os, signal, sys, time
parent, target = os.getppid(), int(sys.argv[1])
while os.getppid() == parent:
    time.sleep(0.5)
for sig, grace in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 0.0)):
    try:
        os.kill(target, sig)
    except OSError:
        break
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        try:
            os.kill(target, 0)
        except OSError:
            sys.exit(0)
        time.sleep(0.1)
"""


def exit_with_parent() -> None:
    """End this process when its parent is gone (polled twice a second). Idempotent. Meant
    for pool workers (a ``ProcessPoolExecutor`` initializer, or the first task a worker
    runs); a no-op in a process that multiprocessing did not start, so a build run from a
    shell that exits is not taken down with it."""
    if _watching or multiprocessing.parent_process() is None:
        return
    parent = os.getppid()
    _watching.append(parent)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def reap_with_this_process(pid: int) -> subprocess.Popen[bytes]:
    """Start a watcher that terminates ``pid`` if this process dies first. Stop the
    watcher (``.terminate()``) before stopping ``pid`` yourself."""
    return subprocess.Popen([sys.executable, "-c", _WATCHER, str(pid)], stdin=subprocess.DEVNULL, close_fds=True)
