"""Shell completion, as bash asks for it: template ids, rule ids, locales and sequences."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO


def answer(words: str, cwd=REPO) -> list[str]:
    """What msglint answers bash: one "type,value" line per completion."""
    env = {**os.environ, "_MSGLINT_COMPLETE": "bash_complete", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
    # The installed command, as a shell calls it (completion keys on the program's name).
    proc = subprocess.run([str(Path(sys.executable).with_name("msglint"))], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


def complete(words: str, cwd=REPO) -> list[str]:
    return [line.split(",", 1)[1] for line in answer(words, cwd) if "," in line]


@pytest.mark.parametrize("words, expected", [
    ("msglint render sms/mi", ["sms/missed-call"]),
    ("msglint explain ko-sp", ["ko-spacing", "ko-speech-level"]),
    ("msglint rules opt", ["opt-out"]),
    ("msglint check --channel sms --locale ", ["en", "ko"]),
    ("msglint schedule inb", ["inbound-after-hours", "inbound-lead"]),
    ("msglint render --sequence cold", ["cold-outbound"]),
])
def test_names_complete(words, expected):
    assert complete(words) == expected


def test_the_files_check_reads_complete_as_file_names():
    assert answer("msglint check outb") == ["file,outb"]  # the shell lists the files itself


def test_commands_and_options_complete():
    assert "fix" in complete("msglint f")
    assert "--unsafe" in complete("msglint fix --un")


def test_a_broken_config_completes_nothing_and_does_not_fail(tmp_path):
    (tmp_path / ".msglint.yaml").write_text("templates: [oops\n", encoding="utf-8")
    assert complete("msglint render sms/", cwd=tmp_path) == []
