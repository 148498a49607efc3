import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def corpus_texts(rules=()) -> list[str]:
    """Every labelled text under tests/corpus/, and the bodies of the given rules' examples: the
    text that equivalence tests (guards, prefilter, cache) compare two ways of matching on."""
    import yaml

    out = []
    for file in sorted((REPO / "tests" / "corpus").rglob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        out += [c["text"] for c in data.get("cases", []) if isinstance(c.get("text"), str)]
    for rule in rules:
        for example in (rule.examples.get("fire") or []) + (rule.examples.get("pass") or []):
            body = example if isinstance(example, str) else example.get("body") if isinstance(example, dict) else None
            if isinstance(body, str):
                out.append(body)
    return out


@pytest.fixture(scope="session", autouse=True)
def shared_cache(tmp_path_factory):
    """One analysis cache for the whole run: entries are keyed by content, so sharing is safe,
    and Kiwi loads once instead of once per test."""
    folder = tmp_path_factory.mktemp("msglint-cache")
    os.environ["MSGLINT_CACHE_DIR"] = str(folder)
    yield folder


class CLI:
    """Runs the real ``msglint`` command in a subprocess, as CI and users do."""

    def __init__(self, cwd: Path):
        self.cwd = cwd

    def __call__(self, *args, input=None, cwd=None, env=None):
        # English errors unless a test asks for another language (the machine's LANG must not decide).
        full_env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "LC_ALL", "LC_MESSAGES")}
        full_env.update({"NO_COLOR": "1", "COLUMNS": "200", "LANG": "C.UTF-8", **(env or {})})
        proc = subprocess.run(
            [sys.executable, "-m", "msglint", *map(str, args)],
            input=input.encode("utf-8") if isinstance(input, str) else input,
            capture_output=True, cwd=cwd or self.cwd, env=full_env, timeout=120,
        )
        proc.out = proc.stdout.decode("utf-8")
        proc.err = proc.stderr.decode("utf-8")
        return proc

    def json(self, *args, **kwargs):
        proc = self(*args, "--format", "json", **kwargs)
        assert proc.returncode in (0, 1), proc.err
        return proc.returncode, json.loads(proc.out)


@pytest.fixture
def cli(tmp_path):
    return CLI(tmp_path)


@pytest.fixture
def repo_cli():
    return CLI(REPO)


def write_template(root: Path, relative: str, front: str, body: str) -> Path:
    path = root / "templates" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{textwrap.dedent(front).strip()}\n---\n{textwrap.dedent(body).lstrip()}", encoding="utf-8")
    return path


SMS_FRONT = """
channel: sms
stage: inbound-response
purpose: transactional
variables:
  name: {required: true}
  topic: {required: true}
sample: {name: Priya, topic: CRM rollout}
"""


@pytest.fixture
def pack(tmp_path):
    """A small valid pack in both locales; tests add or break files in it."""
    write_template(tmp_path, "en/sms/hello.txt.j2", SMS_FRONT, "Hi {{ name }}, thanks for asking about {{ topic }}.\n")
    write_template(tmp_path, "ko/sms/hello.txt.j2", SMS_FRONT.replace("Priya", "김민수").replace("CRM rollout", "CRM 도입"),
                   "{{ name }} 님, {{ topic }} 문의 감사합니다.\n")
    return tmp_path
