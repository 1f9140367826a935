"""Stop signals in the processes `byline serve`'s supervisor forks (its edges and web
workers): kept from the moment of the fork until the process's own handlers are in place,
and a web worker's watch for the supervisor's end."""

import os
import signal
import threading
import time

# Set for the web workers: the supervisor's process id (see stop_as_told).
SUPERVISOR_ENV = "BYLINE_SUPERVISOR"
STOP_SECONDS = 10  # for a web worker told to stop to finish its answers, then it is ended

_told = threading.Event()


def keep_stop_signals() -> None:
    """In each fork of the supervisor, at once (os.register_at_fork): note a stop signal
    (SIGTERM, SIGINT) until the process puts its own handlers in place. Before, it went to
    the handler granian had set in the supervisor, and was lost: the supervisor then waited
    for that process for ever."""
    global _told
    _told = threading.Event()  # the fork's own, not one another thread may have held
    try:
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, lambda *_: _told.set())
    except ValueError:  # not the main thread: nothing to keep
        pass


def told() -> bool:
    """Whether this process was told to stop before its own handlers were in place."""
    return _told.is_set()


def stop_as_told() -> None:
    """In a web worker (called as it starts): stop when it was told to while starting (granian
    listens for its stop signal only once the app is loaded), and when the supervisor has
    ended, however it ended. A supervisor killed outright (by the kernel's OOM killer, or a
    service manager's last resort) cannot stop its workers, which would hold on to their
    memory and the background work."""
    supervisor = int(os.environ.get(SUPERVISOR_ENV, "0") or 0)
    if supervisor in (0, os.getpid()):
        return
    noted = _told  # this fork's (keep_stop_signals), set by a signal until granian's own

    def watch() -> None:
        while not noted.wait(1) and os.getppid() == supervisor:
            pass
        for _ in range(STOP_SECONDS * 5):  # granian's own stop, once it listens for it
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="byline-stop", daemon=True).start()
