"""Runs one Airflow command for the live tests and ends its process group when the test process goes away.

The test starts `python guard.py airflow <command>` as the leader of a new process group, with a pipe as its
standard input. When that pipe reaches its end (the test process exited, however: a panic, Ctrl-C, a kill), the
guard sends SIGTERM to its own process group, waits up to 20 s and then sends SIGKILL. It outlives SIGTERM itself,
so that the test's own stop (SIGTERM to the group) reaches Airflow while the guard stays to report Airflow's exit
status as its own.
"""

import os
import signal
import subprocess
import sys
import threading
import time

GRACE = 20


def main():
    # A handler, not SIG_IGN: an ignored signal would stay ignored in Airflow across exec, a handler does not.
    signal.signal(signal.SIGTERM, lambda *_: None)
    child = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL)
    threading.Thread(target=watch, args=(child,), daemon=True).start()
    sys.exit(child.wait())


def watch(child):
    sys.stdin.buffer.read()  # returns when the test process has closed the pipe, or has gone
    os.killpg(0, signal.SIGTERM)
    deadline = time.monotonic() + GRACE
    while child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    os.killpg(0, signal.SIGKILL)


if __name__ == "__main__":
    main()
