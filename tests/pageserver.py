"""A tiny real HTTP server on 127.0.0.1 that serves the pages a test sets and records requests."""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: str | bytes = ""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"
    drip: float = 0.0  # seconds between bytes: a slow source


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def log_message(self, format: str, *args) -> None:  # keep test output clean
        pass

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.owner.seen.append(Seen(self.command, self.path, dict(self.headers), body))
        page = self.server.owner.pages.get(self.path, Page("not here", 404))
        data = page.body.encode() if isinstance(page.body, str) else page.body
        self.send_response(page.status)
        self.send_header("Content-Type", page.content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in page.headers.items():
            self.send_header(name, value)
        self.end_headers()
        try:
            if page.drip:
                for index in range(len(data)):
                    self.wfile.write(data[index : index + 1])
                    self.wfile.flush()
                    time.sleep(page.drip)
            else:
                self.wfile.write(data)
        except OSError:  # the client gave up on us, as it should on a slow source
            pass

    do_GET = do_POST = do_HEAD = _answer


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: "PageServer"

    def handle_error(self, request, client_address) -> None:
        pass


class PageServer:
    """`with PageServer() as server: server.pages["/a/"] = Page("<html>…")`; `server.url("/a/")`."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.seen: list[Seen] = []

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_port}{path}"

    def __enter__(self) -> "PageServer":
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
