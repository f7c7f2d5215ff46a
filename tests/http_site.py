"""A real HTTP server for the URL, sitemap and crawl tests: http.server in a thread on
127.0.0.1, an ephemeral port, routes set by the test, and a request log (path, user agent,
how many requests to the server were open at once) to assert politeness on.

    with Site(routes) as site:
        run_cli("check", site.url("/a/"))
        assert site.paths() == ["/robots.txt", "/a/"]
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """What a route answers: a status, headers, a body; `delay` seconds before the body (a
    slow page), `trickle` seconds between its bytes (a server that never quite finishes)."""

    status: int = 200
    body: bytes | str = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    trickle: float = 0.0


Route = Reply | Callable[[int], Reply]  # a Reply, or one per call (1, 2, …)


def page(body: str, title: str = "A page", charset: str | None = "utf-8") -> Reply:
    html = (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
    content_type = "text/html" + (f"; charset={charset}" if charset else "")
    return Reply(200, html, {"Content-Type": content_type})


def redirect(to: str, status: int = 301) -> Reply:
    return Reply(status, b"", {"Location": to})


def xml(text: str, gzipped: bool = False) -> Reply:
    data = text.encode("utf-8")
    if gzipped:
        return Reply(200, gzip.compress(data), {"Content-Type": "application/gzip"})
    return Reply(200, data, {"Content-Type": "application/xml"})


@dataclass(frozen=True)
class Request:
    path: str
    user_agent: str
    started: float
    open_at_start: int  # requests in progress on the server when this one arrived


class Site:
    def __init__(self, routes: Mapping[str, Route]) -> None:
        self.routes = dict(routes)
        self.log: list[Request] = []
        self._calls: dict[str, int] = {}
        self._open = 0
        self.most_open = 0
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                site._serve(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # the test reads site.log, not stderr

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        # A client that hangs up (a timeout, a size cap, Ctrl-C) is what those tests want.
        self.server.handle_error = lambda request, address: None  # type: ignore[method-assign]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.origin + path

    def paths(self) -> list[str]:
        return [r.path for r in self.log]

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        with self._lock:
            self._calls[path] = self._calls.get(path, 0) + 1
            call = self._calls[path]
            self.log.append(
                Request(path, handler.headers.get("User-Agent", ""), time.monotonic(), self._open)
            )
            self._open += 1
            self.most_open = max(self.most_open, self._open)
        try:
            route = self.routes.get(path)
            reply = route(call) if callable(route) else route
            if reply is None:
                reply = Reply(404, "<h1>Not found</h1>", {"Content-Type": "text/html"})
            self._send(handler, reply)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout, a size cap): what the test wanted
        finally:
            with self._lock:
                self._open -= 1

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, reply: Reply) -> None:
        body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
        handler.send_response(reply.status)
        for name, value in reply.headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if reply.delay:
            time.sleep(reply.delay)
        if reply.trickle:
            for index in range(len(body)):
                handler.wfile.write(body[index : index + 1])
                handler.wfile.flush()
                time.sleep(reply.trickle)
        else:
            handler.wfile.write(body)
