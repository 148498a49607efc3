"""The GitHub Action (action.yml): its shell steps run here as the runner would run them, in a
git checkout of a pull request (no network: the "origin" is a local repository)."""

import json
import os
import re
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


def _expand(value: str, inputs: dict, github: dict) -> str:
    def one(match):
        scope, name = match.group(1), match.group(2)
        return str(inputs[name] if scope == "inputs" else github[name])

    return re.sub(r"\$\{\{\s*(inputs|github)\.([\w-]+)\s*\}\}", one, value)


def run_step(step_id, cwd, tmp_path, **overrides):
    """One `shell: bash` step with its env filled from the inputs, as `bash -eo pipefail` runs it."""
    step = STEPS[step_id]
    inputs = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()} | overrides
    github = {"base_ref": "main", "action_path": str(REPO)}
    output = tmp_path / "github_output"
    # The install step put `msglint` on PATH; here it is the test run's own.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, "PATH": path, "GITHUB_OUTPUT": str(output), "NO_COLOR": "1", "LANG": "C.UTF-8", "GITHUB_ACTIONS": "true"}
    env.update({key: _expand(str(value), inputs, github) for key, value in step.get("env", {}).items()})
    proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
    proc.outputs = output.read_text(encoding="utf-8") if output.exists() else ""
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
    assert all(re.search(r"@v\d+$", u) for u in uses), uses
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], "inputs reach the script through env, never spliced into it"


def test_the_install_step_installs_this_checkout_or_a_pinned_version():
    script = STEPS["install"]["run"]
    assert '"msglint==$MSGLINT_VERSION"' in script and '"$MSGLINT_SOURCE"' in script
    assert STEPS["install"]["env"]["MSGLINT_SOURCE"] == "${{ github.action_path }}"


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
