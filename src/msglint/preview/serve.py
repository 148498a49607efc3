"""``msglint preview --serve``: a local server that rebuilds the preview on every page load, so a
marketer who edits a template sees the change on refresh."""

from __future__ import annotations

import errno
import html
import re
import signal
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

from msglint.errors import MsglintError
from msglint.i18n import _


def make_handler(build):
    # One build at a time: a browser asks for a page and its favicon at once, and the Korean
    # analyser and its cache belong to one thread.
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        # A client that opens a connection and sends nothing must not hold a thread for ever.
        timeout = REQUEST_SECONDS

        def do_GET(self):  # noqa: N802 (http.server's naming)
            hosts = self.headers.get_all("Host") or []
            if len(hosts) != 1 or not local_host(hosts[0]):
                # A page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) must not
                # read the preview, which shows lead data.
                self._send(HTTPStatus.FORBIDDEN, "<h1>Forbidden</h1><p>open the preview as http://127.0.0.1/ or http://localhost/</p>")
                return
            name = unquote(self.path.split("?")[0].split("#")[0]).lstrip("/") or "index.html"
            try:
                with lock:
                    pages = build()
            except Exception as exc:  # a template being saved mid-edit must not kill the page
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR, f"<h1>msglint</h1><p>{html.escape(str(exc))}</p>")
                return
            if name not in pages:
                self._send(HTTPStatus.NOT_FOUND, "<h1>Not found</h1><p><a href='/'>index</a></p>")
                return
            self._send(HTTPStatus.OK, pages[name])

        def _send(self, status, html):
            body = html.encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the browser closed the tab or moved on: nothing to say to it, nor on the terminal

        def log_message(self, format, *args):  # quiet: the terminal is the marketer's
            pass

    return Handler


LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")
#: Seconds a client may take to send its request.
REQUEST_SECONDS = 10
_HOST = re.compile(r"^(127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$")


def local_host(header: str | None) -> bool:
    """Whether a request's Host header names this machine, with or without a port, and nothing
    more: "[::1]evil.com" and "localhost.evil.com" are other hosts."""
    return bool(header) and _HOST.match(header.strip().lower()) is not None


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True  # a slow client's thread never keeps the server from stopping

    def handle_error(self, request, client_address):
        # A client that hung up or timed out is no error of the preview's: no traceback on the
        # marketer's terminal (socketserver prints one for every closed connection otherwise).
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


def serve(build, port: int, echo) -> None:
    try:
        server = _QuietServer(("127.0.0.1", port), make_handler(build))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise MsglintError(_("port {port} is in use: pick another with --port", port=port)) from None
        raise MsglintError(_("cannot listen on 127.0.0.1:{port}: {reason}", port=port, reason=exc.strerror)) from None
    # Started from a script or a background job, Python inherits SIGINT ignored; Ctrl-C must still stop it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    echo(_("msglint preview on {url} (Ctrl-C to stop)", url=f"http://127.0.0.1:{server.server_address[1]}/"))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        echo(_("msglint preview stopped"))
    finally:
        server.server_close()
