"""check reads at most what it can use: the first MiB of a message, far more than it checks, so a
huge paste or an endless stream ends at once with the message measured as too long."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from msglint.commands.check import READ_LIMIT


def test_a_huge_message_on_standard_input_is_read_only_to_the_limit(cli):
    text = "가" * (READ_LIMIT // 3 + 1000)  # three bytes a character: the cut falls inside one
    start = time.monotonic()
    proc = cli("check", "--channel", "sms", "--locale", "ko", "--format", "json", input=text.encode())
    assert time.monotonic() - start < 20
    assert "read the first 1 MiB only" in proc.err
    rules = [f["rule"] for f in json.loads(proc.out)["findings"]]
    assert "message-size" in rules


def test_a_huge_file_is_read_only_to_the_limit(cli, tmp_path):
    (tmp_path / "big.txt").write_text("Hello Priya. " * (3 * READ_LIMIT // 13), encoding="utf-8")
    proc = cli("check", "big.txt", "--channel", "email", "--locale", "en", "--format", "json")
    assert proc.returncode == 1 and "read the first 1 MiB only" in proc.err


def test_an_endless_stream_ends_at_once():
    """`yes | msglint check -`: the producer never stops, the check does."""
    yes = subprocess.Popen([sys.executable, "-c", "import sys\nwhile True: sys.stdout.write('y\\n')"],
                           stdout=subprocess.PIPE)
    try:
        proc = subprocess.run([sys.executable, "-m", "msglint", "check", "--channel", "sms", "--locale", "en", "-"],
                              stdin=yes.stdout, capture_output=True, timeout=60)
    finally:
        yes.kill()
        yes.wait()
    assert proc.returncode == 1 and b"message-size" in proc.stdout
