"""Allocator settings that keep `byline serve`'s processes small after a burst of traffic.

Python allocates through glibc's malloc; granian's Rust side through jemalloc. Both keep freed
memory for reuse: after a busy minute, each web worker held tens of megabytes it no longer used
(bench/RESULTS.md). These settings hand it back to the system: glibc's at once, jemalloc's
a second after its last use.
"""

import ctypes
import ctypes.util
import os

# glibc's mallopt() parameters (malloc.h).
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_M_ARENA_MAX = -8
_BIG = 128 * 1024  # bytes: a block this large is mapped on its own and unmapped when freed

# jemalloc, as built into granian, reads this variable when a process starts: unused pages go
# back a second after their last use, instead of being kept for reuse. In granian's own process
# a background thread returns them; the web workers, forks of it, keep the settings but not the
# thread (fork copies one thread), so they return them as they next allocate.
JEMALLOC_SETTINGS = (
    "_RJEM_MALLOC_CONF",
    "background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0",
)


def tune_this_process() -> None:
    """Set glibc's malloc for a process with a few threads and some big buffers (pages)."""
    path = ctypes.util.find_library("c")
    try:
        mallopt = ctypes.CDLL(path).mallopt
    except (OSError, AttributeError, TypeError):  # not glibc: nothing to tune
        return
    # Two arenas however many threads (each thread would get one, never returned); a fixed
    # threshold for mapping big blocks (glibc raises it as they are freed, and then rendered
    # pages stay in the heap); and the heap's free top returned at once.
    mallopt(_M_ARENA_MAX, 2)
    mallopt(_M_MMAP_THRESHOLD, _BIG)
    mallopt(_M_TRIM_THRESHOLD, _BIG)


def tune_child_processes() -> None:
    """Settings that processes started from now on take from the environment (granian's own,
    which `byline serve` execs; the web workers are forks of it)."""
    name, value = JEMALLOC_SETTINGS
    os.environ.setdefault(name, value)
