import contextvars
import functools
import importlib
import inspect
import json
import os
import shutil
import signal
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


# Variables msglint reads once, when it is imported: a run inside this process cannot see a test
# set them, so such a run must be a real process (CLI's process=True).
IMPORT_TIME_VARIABLES = ("MSGLINT_NO_SHORTCUT",)

# The handlers a command may install for its run (msglint.support.atomic, the preview server).
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


def _environment(env) -> dict:
    """What the command's environment changes from this one (None: removed)."""
    # English errors unless a test asks for another language (the machine's LANG must not decide).
    return {"GITHUB_ACTIONS": None, "LC_ALL": None, "LC_MESSAGES": None,
            "NO_COLOR": "1", "COLUMNS": "200", "LANG": "C.UTF-8", **(env or {})}


def _finished(args, returncode: int, stdout: bytes, stderr: bytes) -> subprocess.CompletedProcess:
    proc = subprocess.CompletedProcess([sys.executable, "-m", "msglint", *args], returncode, stdout, stderr)
    proc.out = stdout.decode("utf-8")
    proc.err = stderr.decode("utf-8")
    return proc


def _in_a_subprocess(args, input, cwd, env):
    full_env = dict(os.environ)
    for name, value in _environment(env).items():
        if value is None:
            full_env.pop(name, None)
        else:
            full_env[name] = value
    proc = subprocess.run(
        [sys.executable, "-m", "msglint", *args],
        input=input.encode("utf-8") if isinstance(input, str) else input,
        capture_output=True, cwd=cwd, env=full_env, timeout=120,
    )
    return _finished(args, proc.returncode, proc.stdout, proc.stderr)


@functools.cache
def _load_msglint() -> None:
    """Import the command line and every command before the first run: _rebind can only put back
    the globals of modules that were loaded before the run (a module first imported by a run keeps
    what that run left in it)."""
    from msglint import cli

    for name in ("msglint.korean.morph", *(f"msglint.commands.{command}" for command in cli.COMMANDS)):
        try:
            importlib.import_module(name)
        except ImportError:  # that command's own tests fail on it, with the real error
            pass


def _as_a_new_process_starts():
    """Forget what earlier runs (and the Python API) left that a new process would not have."""
    from msglint import i18n
    from msglint.korean import morph

    i18n.configure(None)  # the run's language (--lang, the config's lang)
    # The Korean analyses an earlier run opened, kept in memory or memoised (sentences of a text):
    # a new process reads them from the cache folder of its own run (a test may give its own
    # MSGLINT_CACHE_DIR, and damage it on purpose), and writes what it analyses there. The loaded
    # Kiwi model stays: not loading it again is the time saved.
    morph._cache = None
    morph._memory.clear()
    for value in list(vars(morph).values()):
        if callable(getattr(value, "cache_clear", None)) and value is not morph.kiwi:
            value.cache_clear()


def _msglint_globals() -> dict:
    """Every global of every loaded msglint module, as bound now."""
    return {name: dict(vars(module)) for name, module in list(sys.modules.items())
            if module is not None and (name == "msglint" or name.startswith("msglint."))}


_UNBOUND = object()


def _rebind(saved: dict) -> None:
    """Bind again every global a run rebound (the run's language, its --no-cache switch, the
    cache it opened, ...): one run's choices must not become the next run's defaults."""
    for name, bound in saved.items():
        module = sys.modules.get(name)
        if module is None:
            continue
        now = vars(module)
        for key, value in bound.items():
            if now.get(key, _UNBOUND) is not value:
                now[key] = value


def _runner():
    from click.testing import CliRunner

    # click 8.2 and later always keep stdout and stderr apart; 8.1 (which pyproject allows) mixes
    # them unless told not to.
    if "mix_stderr" in inspect.signature(CliRunner).parameters:
        return CliRunner(mix_stderr=False)
    return CliRunner()


def _in_this_process(args, input, cwd, env):
    from msglint import cli

    _load_msglint()
    _as_a_new_process_starts()
    saved_cwd, saved_env = os.getcwd(), dict(os.environ)
    saved_signals = {number: signal.getsignal(number) for number in _SIGNALS}
    saved_globals = _msglint_globals()
    overrides = _environment(env)
    # click wraps help as a process would with this many COLUMNS (CliRunner would force 80).
    width = max(min(int(overrides["COLUMNS"]), 80) - 2, 50)
    os.chdir(cwd)
    try:
        # A copy of the context: context variables a run sets (the language of the text being
        # read, the render budget) end with it.
        result = contextvars.copy_context().run(
            _runner().invoke, cli.main, list(args), input=input, env=overrides,
            # Only SystemExit (every exit code) is caught: a crash fails the test, never passes it.
            catch_exceptions=False, prog_name="python -m msglint", terminal_width=width)
    finally:
        os.chdir(saved_cwd)
        # CliRunner puts back what it set; a command may set more (lint --no-cache set
        # MSGLINT_NO_CACHE for the rest of its process).
        os.environ.clear()
        os.environ.update(saved_env)
        for number, handler in saved_signals.items():
            if handler is not None:  # None: installed outside Python, nothing to put back
                signal.signal(number, handler)
        _rebind(saved_globals)
    return _finished(args, result.exit_code, result.stdout_bytes, result.stderr_bytes)


class CLI:
    """Runs the ``msglint`` command from ``cwd`` and returns what a finished process gives:
    ``returncode``, ``stdout`` and ``stderr`` (bytes), ``out`` and ``err`` (text).

    By default the command runs in this process, through click's CliRunner on the group
    ``msglint.cli.main``: starting Python and loading msglint costs 1-3 s a run, and most tests
    are about what the command says, not about the process. The run gets what the subprocess got
    (the working directory, NO_COLOR=1, COLUMNS=200, LANG=C.UTF-8, no GITHUB_ACTIONS, LC_ALL or
    LC_MESSAGES, then the test's ``env``; stdin from ``input``, never a tty) and starts from what
    a new process starts from (see ``_as_a_new_process_starts`` and ``_rebind``).

    ``process=True`` runs the real ``python -m msglint`` in a subprocess instead (120 s at most).
    Use it where the process is the point: the way out through ``msglint.cli.run`` and
    ``os._exit``, signals, broken pipes, a tty or not on stdin, ``--debug`` tracebacks through
    the real entry point, variables read at import time (IMPORT_TIME_VARIABLES), which modules a
    fresh interpreter imports; and for the one end-to-end test each command keeps.
    """

    def __init__(self, cwd: Path):
        self.cwd = cwd

    def __call__(self, *args, input=None, cwd=None, env=None, process=False):
        args = [str(arg) for arg in args]
        if process:
            return _in_a_subprocess(args, input, cwd or self.cwd, env)
        read_on_import = [name for name in IMPORT_TIME_VARIABLES if name in (env or {})]
        if read_on_import:
            raise ValueError(f"msglint reads {', '.join(read_on_import)} when imported: run it with process=True")
        return _in_this_process(args, input, cwd or self.cwd, env)

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


def sequence_project(tmp_path_factory) -> Path:
    """A copy of the shipped pack with an empty sequences/ folder, for tests that write sequences."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(REPO / "templates", root / "templates")
    (root / "sequences").mkdir()
    return root


def step_line(path: Path, template: str) -> int:
    """The line where the step that sends ``template`` begins (where a step's findings point)."""
    import yaml

    root = yaml.compose(path.read_text(encoding="utf-8"))
    steps = next(value for key, value in root.value if key.value == "steps")
    for item in steps.value:
        if any(value.value == template for _key, value in item.value):
            return item.start_mark.line + 1
    raise AssertionError(template)


def sequence_findings(cli, project: Path, path: Path, rule: str, *options) -> tuple[int, list]:
    """``msglint lint`` of one sequence: its exit code and its findings of ``rule``."""
    proc = cli(*options, "lint", str(path.relative_to(project)), "--format", "json", "--no-cache", cwd=project)
    assert proc.returncode in (0, 1), proc.err
    (sequence,) = json.loads(proc.out)["sequences"]
    return proc.returncode, [f for f in sequence["findings"] if f["rule"] == rule]


# The preview pages as a browser shows them (test_preview, test_kakao).
CHROMIUM = os.environ.get("MSGLINT_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    # CI installs both (.ci/run); a developer machine without them skips, CI fails.
    missing = pytest.fail if os.environ.get("CI") else pytest.skip
    try:
        from playwright import sync_api
    except ImportError:
        missing("pip install playwright for the browser test")
    if not Path(CHROMIUM).exists():
        missing(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"])
        yield browser
        browser.close()
