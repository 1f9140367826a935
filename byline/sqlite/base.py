"""Django's SQLite backend, with write transactions queued on a lock instead of polling.

SQLite lets one writer in at a time. The others wait in its busy handler, which sleeps in steps
that grow to 100 ms whatever happens meanwhile: under a stream of responses that sleeping, not
the writing, was most of a POST's time. Here each transaction first takes a lock (a mutex among
a process's threads, then an flock on a file beside the database among processes), which passes
to the next writer within a millisecond of its release.
"""

import fcntl
import os
import threading
import time

from django.db.backends.sqlite3 import base

# Between processes the lock is tried again this often (flock cannot wait with a time limit).
POLL_SECONDS = 0.0005


class WriterLock:
    """One database's writer lock, shared by the threads of this process."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.mutex = threading.Lock()
        self.fd: int | None = None
        self.pid = 0

    def _file(self) -> int:
        # A forked child shares its parent's open file, and so its flock: it opens its own.
        if self.fd is None or self.pid != os.getpid():
            self.fd, self.pid = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600), os.getpid()
        return self.fd

    def acquire(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds; False if that was not enough."""
        deadline = time.monotonic() + timeout
        if not self.mutex.acquire(timeout=timeout):
            return False
        try:
            fd = self._file()
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return True
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        break
                    time.sleep(POLL_SECONDS)
        except BaseException:
            self.mutex.release()
            raise
        self.mutex.release()
        return False

    def release(self) -> None:
        fcntl.flock(self._file(), fcntl.LOCK_UN)
        self.mutex.release()


_locks: dict[str, WriterLock] = {}
_locks_guard = threading.Lock()


def writer_lock(database: str) -> WriterLock:
    with _locks_guard:
        if database not in _locks:
            _locks[database] = WriterLock(f"{database}-writer.lock")
        return _locks[database]


class DatabaseWrapper(base.DatabaseWrapper):
    holds_writer_lock = False

    def _writer_lock(self) -> WriterLock | None:
        if self.is_in_memory_db():
            return None
        return writer_lock(os.fspath(self.settings_dict["NAME"]))

    def _start_transaction_under_autocommit(self) -> None:
        lock = self._writer_lock()
        if lock is not None and not self.holds_writer_lock:
            # Past the database's own timeout the transaction goes ahead without the lock and
            # SQLite's busy handler decides, as it would without this backend.
            timeout = float(self.settings_dict["OPTIONS"].get("timeout", 5))
            self.holds_writer_lock = lock.acquire(timeout)
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_writer_lock()
            raise

    def _release_writer_lock(self) -> None:
        if self.holds_writer_lock:
            self.holds_writer_lock = False
            self._writer_lock().release()

    def _set_autocommit(self, autocommit: bool) -> None:
        try:
            super()._set_autocommit(autocommit)
        finally:
            if autocommit:  # the transaction is over: committed or rolled back
                self._release_writer_lock()

    def _close(self) -> None:
        try:
            super()._close()
        finally:
            self._release_writer_lock()
