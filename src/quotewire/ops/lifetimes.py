"""Processes that must not outlive the build that started them.

A build killed with SIGKILL runs no cleanup, and a server it started (Prefect's temporary
server) would keep listening. ``reap_with_this_process(pid)`` in the build starts a small
watcher process that terminates ``pid`` once the build is gone (Linux/POSIX). The build's
own pool workers end with it by ``build.exit_with_parent``.
"""

from __future__ import annotations

import subprocess
import sys

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


def reap_with_this_process(pid: int) -> subprocess.Popen[bytes]:
    """Start a watcher that terminates ``pid`` if this process dies first. Stop the
    watcher (``.terminate()``) before stopping ``pid`` yourself."""
    return subprocess.Popen([sys.executable, "-c", _WATCHER, str(pid)], stdin=subprocess.DEVNULL, close_fds=True)
