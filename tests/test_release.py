"""A release tools can pin: one version, a changelog entry, README pins, and a wheel and sdist
that install and lint the shipped pack away from this checkout."""

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

import msglint
from conftest import REPO

VERSION = msglint.__version__
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_version_has_a_changelog_section_and_the_readme_pins_its_tag():
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {re.escape(VERSION)} — \d{{4}}-\d{{2}}-\d{{2}}$", changelog, re.M)
    assert f"rev: v{VERSION}" in README
    assert f"/msglint@v{VERSION}" in README
    assert 'version = "' not in (REPO / "pyproject.toml").read_text(encoding="utf-8"), "one place for the version"


def test_a_release_tag_names_its_own_version():
    proc = subprocess.run(["git", "tag", "--list", "v*"], cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0 or not proc.stdout.strip():
        pytest.skip("this checkout has no release tags")
    for tag in proc.stdout.split():
        shown = subprocess.run(["git", "show", f"{tag}:src/msglint/__init__.py"], cwd=REPO, capture_output=True,
                               text=True)
        assert f'__version__ = "{tag[1:]}"' in shown.stdout, f"{tag} points at a commit of another version"


def test_the_readme_pins_refs_this_repository_has():
    tags = subprocess.run(["git", "tag", "--list", "v*"], cwd=REPO, capture_output=True, text=True).stdout.split()
    if not tags:
        pytest.skip("this checkout has no release tags")
    pins = re.findall(r"^\s*rev: (\S+)", README, re.M) + re.findall(r"/msglint@([^\s<]+)", README)
    assert pins
    for ref in pins:
        proc = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd=REPO,
                              capture_output=True, text=True)
        assert proc.returncode == 0, f"the README pins {ref}, which this repository does not have"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    source = tmp_path_factory.mktemp("src") / "msglint"
    # Build from a copy holding only what git tracks, as a release is built from a clean checkout.
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, files):
        target = source / name.decode()
        if (REPO / name.decode()).is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name.decode(), target)
    proc = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return out


@pytest.mark.slow  # builds the wheel and the sdist (the built fixture)
def test_the_wheel_and_sdist_carry_the_rules_and_data(built):
    wheel = next(built.glob(f"msglint-{VERSION}-py3-none-any.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("msglint/rules/kr-law.yaml", "msglint/rules/profiles", "msglint/skeletons/ko/sms.txt.j2",
                   "msglint/locale/ko/LC_MESSAGES/msglint.po", "msglint/cli.py"):
        assert any(n.startswith(needed) for n in names), needed
    sdist = next(built.glob(f"msglint-{VERSION}.tar.gz"))
    members = tarfile.open(sdist).getnames()
    for needed in ("rules/core.yaml", "src/msglint/cli.py", "CHANGELOG.md", "action.yml", "templates/ko/sms/offer.txt.j2"):
        assert any(m.endswith(needed) for m in members), needed


@pytest.mark.slow  # builds the wheel, makes a virtualenv and installs it there
def test_the_wheel_installs_in_a_fresh_venv_and_lints_a_copy_of_the_pack(built, tmp_path):
    wheel = next(built.glob("*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    proc = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    # Tests run without the network: the dependencies come from this environment's site-packages,
    # added as a plain path (its .pth files, such as the editable msglint, are not run).
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    Path(purelib, "deps-from-test-env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    project = tmp_path / "project"
    for folder in ("templates", "sequences"):
        shutil.copytree(REPO / folder, project / folder)
    (project / ".msglint.yaml").write_text("templates: templates\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "GITHUB_ACTIONS")}
    env.update(NO_COLOR="1", LANG="C.UTF-8", COLUMNS="200")
    where = subprocess.run([str(python), "-c", "import msglint; print(msglint.__file__)"], cwd=project, env=env,
                           capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(venv)), where
    command = venv / "bin" / "msglint"
    assert subprocess.run([str(command), "--version"], env=env, capture_output=True, text=True).stdout.strip() \
        == f"msglint, version {VERSION}"
    linted = subprocess.run([str(command), "lint", "--lang", "en", "--no-cache"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600)
    assert linted.returncode == 0, linted.stdout[-3000:] + linted.stderr[-2000:]
    assert re.search(r"\d+ templates and \d+ sequences checked: 0 errors", linted.stdout)
