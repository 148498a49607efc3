"""The preview server answers only requests for this machine, by one Host header, gives a slow
client a deadline, and prints nothing when a browser hangs up early."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from msglint.preview import serve


@pytest.fixture
def server():
    httpd = serve._QuietServer(("127.0.0.1", 0), serve.make_handler(lambda: {"index.html": "<h1>ok</h1>"}))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def _get(port, headers: str) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(f"GET / HTTP/1.1\r\n{headers}Connection: close\r\n\r\n".encode())
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    return data


@pytest.mark.parametrize("host, status", [
    ("127.0.0.1", b"200"), ("localhost:8000", b"200"), ("[::1]:8000", b"200"),
    ("[::1]evil.com", b"403"), ("localhost.evil.com", b"403"), ("evil.com", b"403"),
])
def test_only_this_machine_is_served(server, host, status):
    assert _get(server, f"Host: {host}\r\n").split(b" ")[1] == status


def test_two_host_headers_are_refused(server):
    assert _get(server, "Host: 127.0.0.1\r\nHost: evil.com\r\n").split(b" ")[1] == b"403"


def test_a_client_that_hangs_up_early_prints_nothing(server, capfd):
    for _ in range(5):
        with socket.create_connection(("127.0.0.1", server), timeout=10) as conn:
            conn.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            conn.shutdown(socket.SHUT_RDWR)
    time.sleep(0.5)
    assert "Traceback" not in capfd.readouterr().err


def test_a_silent_client_does_not_hold_a_thread_for_ever(server, monkeypatch):
    assert serve.make_handler(dict).timeout == serve.REQUEST_SECONDS
    with socket.create_connection(("127.0.0.1", server), timeout=10):
        assert _get(server, "Host: 127.0.0.1\r\n").split(b" ")[1] == b"200"  # others are still served
