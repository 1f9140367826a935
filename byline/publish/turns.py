"""Readers' turns at an edge: a read that comes while a response POST sent before it is with
Django waits for that POST's answer, as at a single counter, for HOLD_SECONDS at most.

Answered from memory, reads overtake the responses queued for Django. In a crowd whose readers
come back as soon as they are answered, they take every free moment, and a commenter waits
behind the whole crowd: 300 ms and more for a response that is 3 ms of work (bench/RESULTS.md,
twenty-second session). A flood of POSTs slows readers by HOLD_SECONDS at most, and a POST
passed on longer ago than that holds nobody. Responses only: an editor's slow save or upload
keeps no reader waiting.
"""

import asyncio
import logging
import time
from collections import deque
from functools import partial
from typing import Protocol

from byline.publish.relay import Request

log = logging.getLogger(__name__)

# Longest a read waits for the responses readers sent before it: past it, the reads held
# behind the slowest POSTs make the tail; much under it, POSTs fall behind again.
HOLD_SECONDS = 0.03
READS = (b"GET", b"HEAD", b"OPTIONS")
RESPONSES = b"/responses/"  # where the response form posts


class Held(Protocol):
    """A reader's connection whose first request is held back."""

    def release(self) -> None: ...

    def end(self) -> None: ...


class Turns:
    """One edge process's order of requests: each numbered as it is read (its ticket)."""

    def __init__(self) -> None:
        self.tickets = 0  # requests read so far, by all connections
        # The response POSTs with Django, by ticket: when each was passed on.
        self.writing: dict[int, float] = {}
        self.waiting: deque[tuple[float, int, Held]] = deque()  # reads held back
        self.expiry: asyncio.TimerHandle | None = None

    def number(self, request: Request) -> None:
        self.tickets += 1
        request.ticket = self.tickets

    def holds(self, request: Request) -> bool:
        """Whether `request` is a read that waits for response POSTs that came before it."""
        if not self.writing or request.waited or request.method not in READS:
            return False
        recent = time.monotonic() - HOLD_SECONDS
        return any(t < request.ticket and at > recent for t, at in self.writing.items())

    def hold(self, connection: Held, request: Request) -> None:
        request.waited = True
        self.waiting.append((time.monotonic() + HOLD_SECONDS, request.ticket, connection))
        if self.expiry is None:
            self.expiry = asyncio.get_running_loop().call_later(HOLD_SECONDS, self.expire)

    def passed_on(self, request: Request) -> bool:
        """Note `request`, on its way to Django, if it is a response POST (whether it is)."""
        if request.method != b"POST" or not request.url.startswith(RESPONSES):
            return False
        self.writing[request.ticket] = time.monotonic()
        request.began = partial(self.written, request.ticket)
        return True

    def written(self, ticket: int) -> None:
        """The response POST `ticket` is answered (its answer began: the response is stored):
        the reads that waited for it alone go on."""
        if self.writing.pop(ticket, None) is None or not self.waiting:
            return
        # Those passed on longer ago than HOLD_SECONDS hold nobody (`holds`), however long
        # Django or their reader takes.
        recent = time.monotonic() - HOLD_SECONDS
        young = [t for t, at in self.writing.items() if at > recent]
        oldest = min(young, default=self.tickets + 1)
        going = [c for _, t, c in self.waiting if t < oldest]
        if going:
            self.waiting = deque(entry for entry in self.waiting if entry[1] >= oldest)
            _release(going)

    def expire(self) -> None:
        self.expiry = None
        now = time.monotonic()
        going = []
        while self.waiting and self.waiting[0][0] <= now:
            going.append(self.waiting.popleft()[2])
        if self.waiting:
            self.expiry = asyncio.get_running_loop().call_at(self.waiting[0][0], self.expire)
        _release(going)


def _release(connections: list[Held]) -> None:
    """Let held reads go on; one that fails ends its own connection, not the others' turns."""
    for connection in connections:
        try:
            connection.release()
        except Exception:
            log.exception("a held read could not go on")
            connection.end()
