"""Django behind the front: each request's whole middleware chain and view run in one thread of
a small pool, as under WSGI.

Django's own ASGI handler runs a sync middleware chain by passing each request between the event
loop and a new thread several times (every sync-only middleware between async-capable ones is
another hop) and gives each request a thread of its own for "thread-sensitive" work. Byline's
views are all sync: one hop there and one back costs a fraction of that, and a bounded pool keeps
a bounded number of database connections.
"""

import asyncio
import contextvars
from concurrent.futures import ThreadPoolExecutor

from django.core import signals
from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler, get_script_prefix
from django.core.handlers.base import BaseHandler
from django.http import FileResponse, HttpResponse
from django.urls import set_script_prefix

# Threads per worker process. Each takes turns at the interpreter with the worker's event loop.
# When that loop answered stored pages itself (before the edge), stored reads fell to a tenth
# with 4 threads while Django was busy, to a quarter with 2, and Django rendered as many pages
# a second either way (bench/RESULTS.md). Two still leave one free while the other waits on
# the database's write lock.
THREADS = 2


class ThreadedASGIHandler(ASGIHandler):
    def __init__(self, threads: int = THREADS) -> None:
        BaseHandler.__init__(self)
        self.load_middleware(is_async=False)
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="byline-request")

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            raise ValueError(f"Byline serves HTTP, not {scope['type']}.")
        try:
            body_file = await self.read_body(receive)
        except RequestAborted:
            return
        loop = asyncio.get_running_loop()
        # A fresh copy of this task's context: what a request activates (time zone, language)
        # stays with it, not with the pool thread that happened to run it.
        context = contextvars.copy_context()
        try:
            response = await loop.run_in_executor(
                self.pool, context.run, self._respond, scope, body_file
            )
            try:
                await self.send_response(response, send)
            except asyncio.CancelledError:
                pass  # the client went away
            finally:
                await loop.run_in_executor(self.pool, context.run, response.close)
        finally:
            body_file.close()

    def _respond(self, scope, body_file) -> HttpResponse:
        set_script_prefix(get_script_prefix(scope))
        # Closes this thread's database connection left from an earlier request, as under WSGI.
        signals.request_started.send(sender=self.__class__, scope=scope)
        request, error_response = self.create_request(scope, body_file)
        if request is None:
            return error_response
        response = self.get_response(request)
        response._handler_class = self.__class__
        if isinstance(response, FileResponse):
            response.block_size = self.chunk_size
        return response
