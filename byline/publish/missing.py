"""Addresses the store holds no page for, and Django's answer for each: "Page not found", or a
permanent redirect (an old WordPress address, a post's slug alone). The front keeps the answer
until the site's pages next change, and asks again each second: bots asking for /wp-login.php
all day, a mistyped link shared widely or an old address in a story going round are answered
without Django.

Every change that may put something at an address or move it (a post or page published, a
redirect imported, a change made on another node) moves the store's generation on
(events.apply): an answer is kept for the generation it was rendered in, and only for it.
Asking again each second covers what comes with time alone: a scheduled post is live at its
minute, before the worker publishes it (within five seconds).
"""

import time
from dataclasses import dataclass

from byline.publish.store import PageStore

KEPT = 1024  # addresses a worker keeps: a flood of random ones cannot make it hold more
LARGEST = 256 * 1024  # a bigger page (a debug page, say) is not kept
# Bytes of different answers a worker keeps: the theme's 404 page is the same for every address
# and kept once, but debug pages name theirs (1,024 of them could hold 256 MB).
HELD = 8 * 2**20
KEPT_STATUSES = (404, 301)
# Seconds before an address is asked again: one request does, while the others get the answer
# it had (under a flood, one request a second and worker reaches Django, not all at once).
LIFETIME = 1.0


@dataclass(frozen=True)
class Answer:
    """Django's answer, as it sent it."""

    status: int
    generation: int
    kept_at: float  # time.monotonic()
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


class Missing:
    """The addresses one worker knows hold no page, with Django's answer for each."""

    def __init__(self, store: PageStore) -> None:
        self.store = store
        self.kept: dict[str, Answer] = {}
        # One copy of the same page: the theme's 404 page names no address.
        self.bodies: dict[bytes, bytes] = {}
        self.held = 0  # bytes in `bodies`
        self.renewing: set[str] = set()  # addresses past their second, being asked again

    def answer(self, path: str) -> Answer | None:
        """Django's answer for `path`, when it is kept for the store's generation."""
        kept = self.kept.get(path)
        if kept is None:
            return None
        if kept.generation != self.store.generation():
            self._forget()  # all were kept for an older generation, or this one
            return None
        if time.monotonic() - kept.kept_at >= LIFETIME:
            if path in self.renewing:  # the others meanwhile get what it answered a second ago
                return kept
            self.renewing.add(path)  # this request asks Django again
            return None
        return kept

    async def ask(self, app, scope, receive, send, path: str) -> None:
        """Pass the request to `app` (Django), keeping its answer if it is a 404 or 301 every
        anonymous reader gets: no cookie set, rendered whole within one generation (and for a
        redirect, asked without a query string, which its address may carry on)."""
        generation = self.store.generation()
        start: dict = {}
        chunks: list[bytes] = []
        size = 0

        async def watch(message: dict) -> None:
            nonlocal size
            if message["type"] == "http.response.start":
                start.update(message)
            elif start.get("status") in KEPT_STATUSES and message["type"] == "http.response.body":
                size += len(message.get("body", b""))
                if size <= LARGEST:  # past it nothing is kept: nor held meanwhile
                    chunks.append(message.get("body", b""))
            await send(message)

        try:
            await app(scope, receive, watch)
        finally:
            self.renewing.discard(path)
        self.keep(
            path,
            scope["method"] == "GET" and not scope["query_string"],
            scope["method"] == "GET",
            start.get("status"),
            tuple(start.get("headers", ())),
            b"".join(chunks) if size <= LARGEST else None,
            generation,
        )

    def keep(
        self,
        path: str,
        bare: bool,
        get: bool,
        status: int | None,
        headers: tuple[tuple[bytes, bytes], ...],
        body: bytes | None,
        generation: int,
    ) -> None:
        """Keep Django's answer to a request for `path` (`get`: a GET; `bare`: a GET without
        a query string), given in full (`body` None past LARGEST), when it is one every
        anonymous reader gets for the generation it began in."""
        if (
            get
            and status in KEPT_STATUSES
            and not (status == 301 and not bare)
            and body is not None
            and not any(name.lower() == b"set-cookie" for name, _ in headers)
            and self.store.generation() == generation
        ):
            self.kept.pop(path, None)  # renewed: the last to go
            if len(self.kept) >= KEPT:
                self.kept.pop(next(iter(self.kept)))
            if body not in self.bodies:
                if self.held + len(body) > HELD:  # pages that name their address: start over
                    self._forget()
                self.bodies[body] = body
                self.held += len(body)
            body = self.bodies[body]
            self.kept[path] = Answer(status, generation, time.monotonic(), headers, body)
        elif status not in KEPT_STATUSES:  # something lives there now
            self.kept.pop(path, None)

    def _forget(self) -> None:
        self.kept.clear()
        self.bodies.clear()
        self.held = 0
