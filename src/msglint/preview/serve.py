"""``msglint preview --serve``: a local server that rebuilds the preview on every page load, so a
marketer who edits a template sees the change on refresh."""

from __future__ import annotations

import errno
import html
import signal
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
        def do_GET(self):  # noqa: N802 (http.server's naming)
            if not local_host(self.headers.get("Host")):
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
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):  # quiet: the terminal is the marketer's
            pass

    return Handler


LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")


def local_host(header: str | None) -> bool:
    """Whether a request's Host header names this machine (with or without a port)."""
    if not header:
        return False
    host = header.strip().lower()
    if host.startswith("["):
        host = host[: host.find("]") + 1]
    else:
        host = host.rsplit(":", 1)[0] if ":" in host else host
    return host in LOCAL_NAMES


def serve(build, port: int, echo) -> None:
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(build))
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
