"""The GitHub Action (action.yml): its shell steps run here as the runner would run them, in a
git checkout of a pull request (no network: the "origin" is a local repository)."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, SMS_FRONT, write_template

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
STEPS = {step.get("id"): step for step in ACTION["runs"]["steps"]}


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _expand(value: str, inputs: dict, github: dict, runner: dict) -> str:
    def one(match):
        scope, name = match.group(1), match.group(2)
        return str({"inputs": inputs, "github": github, "runner": runner}[scope][name])

    return re.sub(r"\$\{\{\s*(inputs|github|runner)\.([\w-]+)\s*\}\}", one, value)


def run_step(step_id, cwd, tmp_path, **overrides):
    """One `shell: bash` step with its env filled from the inputs, as `bash -eo pipefail` runs it."""
    step = STEPS[step_id]
    inputs = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()} | overrides
    github = {"base_ref": "main", "action_path": str(REPO)}
    runner = {"temp": str(tmp_path / "runner")}
    # The install step made msglint's own environment under the runner's temp folder; here it
    # holds the test run's own msglint.
    venv_bin = tmp_path / "runner" / "msglint-venv" / "bin"
    venv_bin.mkdir(parents=True, exist_ok=True)
    if not (venv_bin / "msglint").exists():
        (venv_bin / "msglint").symlink_to(Path(sys.executable).with_name("msglint"))
    output, summary = tmp_path / "github_output", tmp_path / "step_summary"
    env = {**os.environ, "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary), "NO_COLOR": "1",
           "LANG": "C.UTF-8", "GITHUB_ACTIONS": "true"}
    env.update({key: _expand(str(value), inputs, github, runner) for key, value in step.get("env", {}).items()})
    proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
    proc.outputs = output.read_text(encoding="utf-8") if output.exists() else ""
    proc.summary = summary.read_text(encoding="utf-8") if summary.exists() else ""
    return proc


@pytest.fixture
def pull_request(tmp_path):
    """A project on main with an old mistake in one template, and a branch that breaks another."""
    project = tmp_path / "project"
    write_template(project, "en/sms/hello.txt.j2", SMS_FRONT, "Hi {{ name }}, thanks for asking about {{ topic }}.\n")
    write_template(project, "ko/sms/hello.txt.j2", SMS_FRONT.replace("Priya", "김민수").replace("CRM rollout", "CRM 도입"),
                   "{{ name }} 님, {{ topic }} 문의 감사합니다.\n")
    write_template(project, "en/sms/old.txt.j2", SMS_FRONT, "Hello, any update on the contract?\n")
    write_template(project, "ko/sms/old.txt.j2", SMS_FRONT.replace("Priya", "김민수").replace("CRM rollout", "CRM 도입"),
                   "{{ name }} 님, {{ topic }} 문의 감사합니다.\n")
    (project / ".msglint.yaml").write_text("templates: templates\n", encoding="utf-8")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "-c", "user.email=a@b.c", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "start")
    _git(project, "add", "-A")
    _git(project, "-c", "user.email=a@b.c", "-c", "user.name=t", "commit", "-q", "-m", "pack")
    _git(project, "remote", "add", "origin", str(project))
    _git(project, "fetch", "-q", "origin", "main")
    _git(project, "checkout", "-q", "-b", "change")
    (project / "templates/en/sms/hello.txt.j2").write_text(
        (project / "templates/en/sms/hello.txt.j2").read_text(encoding="utf-8").replace(
            "Hi {{ name }}, thanks for asking about {{ topic }}.", "Hey you, thanks for asking about {{ topic }}."),
        encoding="utf-8")
    return project


def test_the_action_is_composite_and_pins_what_it_uses():
    assert ACTION["runs"]["using"] == "composite"
    uses = [s["uses"] for s in ACTION["runs"]["steps"] if "uses" in s]
    assert all(re.search(r"@[0-9a-f]{40}$", u) for u in uses), uses  # a commit, not a tag that can move
    text = (REPO / "action.yml").read_text(encoding="utf-8")
    assert all(re.search(re.escape(u) + r"\s+# v\d+\.\d+\.\d+", text) for u in uses)  # and which release it is
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    assert not any(u.startswith("actions/setup-python") for u in uses)  # the caller's Python is left alone
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], "inputs reach the script through env, never spliced into it"


def test_the_install_step_installs_this_checkout_or_a_pinned_version():
    script = STEPS["install"]["run"]
    assert '"msglint==$MSGLINT_VERSION"' in script and '"$MSGLINT_SOURCE"' in script
    assert STEPS["install"]["env"]["MSGLINT_SOURCE"] == "${{ github.action_path }}"
    # Into its own virtual environment, outside the checkout, cached between runs.
    assert '"$MSGLINT_PYTHON" -m venv "$MSGLINT_VENV"' in script
    assert all(line.strip().startswith(('"$MSGLINT_VENV/bin/python" -m pip', '"$MSGLINT_PYTHON" -m venv', "if", "else",
                                        "fi")) for line in script.strip().splitlines())
    assert STEPS["install"]["if"] == "${{ steps.cache.outputs.cache-hit != 'true' }}"
    assert "${{ runner.temp }}/msglint-venv" in STEPS["cache"]["with"]["path"]
    for step in ("report", "lint"):
        assert STEPS[step]["env"]["MSGLINT_CACHE_DIR"] == "${{ runner.temp }}/msglint-cache"
        assert '"$MSGLINT" lint' in STEPS[step]["run"]


def test_no_high_severity_finding_from_zizmor():
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    if zizmor is None:
        (pytest.fail if os.environ.get("CI") else pytest.skip)("pip install zizmor (the test extra has it)")
    proc = subprocess.run([zizmor, "--offline", "--format", "json", str(REPO / "action.yml")], capture_output=True,
                          text=True, timeout=120)
    findings = json.loads(proc.stdout or "[]")
    assert not [f for f in findings if f["determinations"]["severity"] == "High"], proc.stdout


def test_the_job_summary_counts_per_rule_and_says_what_annotations_leave_out(cli, tmp_path):
    for number in range(12):
        write_template(tmp_path, f"en/sms/hi{number}.txt.j2", SMS_FRONT, "Hi [First Name], about {{ topic }}. {{ name }}\n")
    summary = tmp_path / "summary.md"
    proc = cli("lint", "--format", "github", cwd=tmp_path, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert proc.returncode == 1
    text = summary.read_text(encoding="utf-8")
    assert "| `unfilled-placeholder` | error | 12 |" in text
    assert "2 errors are not annotated" in text


@pytest.mark.slow  # the action's shell steps: git, bash and the installed msglint, in processes
def test_a_pull_request_is_annotated_on_what_it_changed_and_fails(pull_request, tmp_path):
    report = run_step("report", pull_request, tmp_path)
    assert report.returncode == 0, report.stderr
    assert "sarif=msglint.sarif" in report.outputs
    sarif = json.loads((pull_request / "msglint.sarif").read_text(encoding="utf-8"))
    located = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert "templates/en/sms/old.txt.j2" in located, "the report covers the whole pack"

    lint = run_step("lint", pull_request, tmp_path)
    assert lint.returncode == 1, lint.stdout + lint.stderr
    annotations = [line for line in lint.stdout.splitlines() if line.startswith("::error")]
    assert annotations and all("file=templates/en/sms/hello.txt.j2" in line for line in annotations), lint.stdout
    assert not any("old.txt.j2" in line for line in lint.stdout.splitlines())


@pytest.mark.slow  # the action's shell steps: git, bash and the installed msglint, in processes
def test_a_rule_change_lints_the_whole_pack(pull_request, tmp_path):
    _git(pull_request, "checkout", "-q", "--", ".")
    (pull_request / ".msglint.yaml").write_text("templates: templates\nignore: [exclamation-marks]\n", encoding="utf-8")
    lint = run_step("lint", pull_request, tmp_path)
    assert lint.returncode == 1
    assert "file=templates/en/sms/old.txt.j2" in lint.stdout


@pytest.mark.slow  # the action's shell steps: git, bash and the installed msglint, in processes
def test_changed_only_false_lints_everything(pull_request, tmp_path):
    lint = run_step("lint", pull_request, tmp_path, **{"changed-only": "false", "lang": "en"})
    assert "file=templates/en/sms/old.txt.j2" in lint.stdout and "file=templates/en/sms/hello.txt.j2" in lint.stdout
