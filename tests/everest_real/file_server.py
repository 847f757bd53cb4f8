"""A loopback HTTP server (stdlib, OS-chosen port) on a thread of its own: it serves the files
a test gives it (GET) and keeps what is PUT to it, for the simulated system's firmware
downloads and log uploads."""

from __future__ import annotations

import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

MAX_UPLOAD = 1 << 20  # bytes of one PUT the server keeps
MAX_UPLOADS = 16


class FileServer:
    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = dict(files)  # path -> body served by GET
        self.uploads: dict[str, bytes] = {}  # path -> body received by PUT
        self.requests: list[tuple[str, str]] = []  # (method, path), in order
        self._changed = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}{path}"

    def __enter__(self) -> FileServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def wait_upload(self, timeout: float = 30.0) -> tuple[str, bytes]:
        """The first file PUT to the server, once it arrived: (path, body)."""
        with self._changed:
            if not self._changed.wait_for(lambda: bool(self.uploads), timeout):
                raise TimeoutError(f"nothing PUT within {timeout} s; requests {self.requests}")
            path = next(iter(self.uploads))
            return path, self.uploads[path]

    def _record(self, method: str, path: str, body: bytes | None = None) -> None:
        with self._changed:
            self.requests.append((method, path))
            del self.requests[:-64]
            if body is not None and len(self.uploads) < MAX_UPLOADS:
                self.uploads[path] = body
            self._changed.notify_all()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server._record("GET", self.path)
                body = server.files.get(self.path)
                if body is None:
                    self.send_error(HTTPStatus.NOT_FOUND)
                    return
                self.send_response(HTTPStatus.OK)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_PUT(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length > MAX_UPLOAD:
                    self.send_error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
                    return
                server._record("PUT", self.path, self.rfile.read(length))
                self.send_response(HTTPStatus.CREATED)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass  # the test reads ``requests``; stderr stays for failures

        return Handler
