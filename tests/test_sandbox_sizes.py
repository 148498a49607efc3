"""A hostile template is refused before the sandbox builds what it asks for: every payload that
took gigabytes and many seconds (the check came after the value was built) now ends at once with
a template-render finding, in little memory."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SMS_FRONT, write_template

from msglint.render.jinja import CompiledText, RenderError

PAYLOADS = [
    '{{ "a".ljust(3000000000) }}',
    '{{ "a".center(3000000000) }}',
    '{{ "a\\tb".expandtabs(1000000000) }}',
    '{{ range(30000)|join("x"*100000) }}',
    '{{ ("y" * 100000).join(["a"] * 30000) }}',
    '{{ ("a"*30000).replace("", "x"*100000) }}',
    '{{ ("\\n"*30000)|indent("x"*100000, true, true) }}',
    '{{ "ab "|wordwrap(1, true, "x"*1000000) }}',
    '{{ [1]|slice(1000000000)|list }}',
    '{{ [1]|batch(300000000, "x")|first }}',
]


@pytest.mark.parametrize("source", PAYLOADS)
def test_a_payload_is_refused_before_it_is_built(source):
    start = time.monotonic()
    with pytest.raises(RenderError) as caught:
        CompiledText(source, "t").render({}, "en")
    assert time.monotonic() - start < 2
    assert "limit" in str(caught.value) or "blocks" in str(caught.value)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak memory from /proc")
def test_all_payloads_together_stay_small():
    # The peak is read from /proc (VmHWM, this process's own since exec): getrusage's ru_maxrss is
    # kept across exec, so a child of a large pytest process would report its parent's peak.
    script = ("import sys\n"
              "from msglint.render.jinja import CompiledText, RenderError\n"
              "for source in sys.argv[1:]:\n"
              "    try:\n"
              "        CompiledText(source, 't').render({}, 'en')\n"
              "    except RenderError:\n"
              "        pass\n"
              "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))\n")
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", script, *PAYLOADS], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert time.monotonic() - start < 20
    assert int(proc.stdout.split()[-1]) < 200 * 1024  # KiB: under 200 MB, the interpreter included


def test_a_hostile_template_is_one_template_render_finding(cli, pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT, 'Hi {{ name }}, {{ topic }} {{ "a".ljust(3000000000) }}\n')
    code, data = cli.json("lint", "--no-cache", "templates/en")
    rules = [f["rule"] for m in data["messages"] for f in m["findings"]]
    assert "template-render" in rules and code == 1
