"""``--statistics`` (counts per rule, as ruff prints them) and ``lint --watch`` (lint again on save)."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import REPO, SMS_FRONT, write_template


def test_statistics_count_findings_per_rule_in_text_and_json(cli, tmp_path):
    write_template(tmp_path, "en/sms/a.txt.j2", SMS_FRONT, "Hi {{ name }}, just checking in about {{ topic }}!!\n")
    write_template(tmp_path, "en/sms/b.txt.j2", SMS_FRONT, "Hi {{ name }}, just checking in on {{ topic }}.\n")
    proc = cli("lint", "--statistics", cwd=tmp_path)
    assert proc.returncode == 0
    lines = proc.out.splitlines()
    assert lines[0].split() == ["2", "warning", "generic-phrase"]
    assert any(line.split()[1:3] == ["info", "exclamation-marks"] and "1 fixable" in line for line in lines)
    assert lines[-1] == "0 errors, 2 warnings, 1 infos"
    assert "│" not in proc.out  # counts instead of the findings
    proc = cli("lint", "--statistics", "--format", "json", cwd=tmp_path)
    data = json.loads(proc.out)
    assert data["statistics"][0] == {"rule": "generic-phrase", "severity": "warning", "count": 2, "fixable": 0}
    assert data["summary"] == {"errors": 0, "warnings": 2, "infos": 1}


def test_statistics_keep_the_exit_code(cli, tmp_path):
    message = tmp_path / "ad.txt"
    message.write_text("리드웨이 연말 특가 안내", encoding="utf-8")
    proc = cli("check", str(message), "--channel", "sms", "--locale", "ko", "--purpose", "advertising", "--statistics")
    assert proc.returncode == 1
    assert any(line.split()[1:3] == ["error", "ad-marker"] for line in proc.out.splitlines())


@pytest.mark.slow  # a real process watching real files, stopped with Ctrl-C
def test_watch_lints_a_saved_template_again_within_a_second(tmp_path):
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    proc = subprocess.Popen([sys.executable, "-m", "msglint", "lint", "--watch", "--format", "json"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**__import__("os").environ, "LANG": "C.UTF-8"})
    try:
        first = json.loads(proc.stdout.readline())
        assert first["summary"]["errors"] == 0
        assert "watching" in proc.stderr.readline()
        template = tmp_path / "templates" / "ko" / "sms" / "missed-call.txt.j2"
        saved = time.monotonic()
        template.write_text(template.read_text(encoding="utf-8").replace("연락드리겠습니다.", "연락할게."),
                            encoding="utf-8")
        again = json.loads(proc.stdout.readline())
        assert time.monotonic() - saved < 1.0
        rules = {f["rule"] for m in again["messages"] for f in m["findings"]}
        assert "ko-speech-level" in rules
        assert "watching" in proc.stderr.readline()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(10) == 0
    finally:
        proc.kill()
        proc.wait()
