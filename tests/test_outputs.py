"""msglint never damages a file it did not create: an output that is a device or a FIFO is written
through (never replaced by a regular file), and an output that is one of the run's inputs is
refused before anything is read."""

from __future__ import annotations

import os
import stat
import threading

import pytest

LEADS = "name,topic\nPriya,CRM rollout\nDana,SSO pilot\n"


def _batch(cli, pack, out, data="leads.csv"):
    return cli("render", "sms/hello", "--locale", "en", "--data", data, "--templates", "templates", "--out", str(out),
               cwd=pack)


@pytest.mark.skipif(not hasattr(os, "mknod") or os.geteuid() != 0, reason="making a device needs root")
def test_an_output_that_is_a_device_stays_a_device(cli, pack):
    (pack / "leads.csv").write_text(LEADS, encoding="utf-8")
    device = pack / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of the test's own
    proc = _batch(cli, pack, device)
    assert proc.returncode == 0, proc.err
    assert stat.S_ISCHR(os.stat(device).st_mode)
    assert not [p for p in pack.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_an_output_that_is_a_fifo_is_written_through(cli, pack):
    (pack / "leads.csv").write_text(LEADS, encoding="utf-8")
    fifo = pack / "out.fifo"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    proc = _batch(cli, pack, fifo)
    reader.join(timeout=30)
    assert proc.returncode == 0, proc.err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received and received[0].count('"row"') == 2


def test_an_output_that_is_the_lead_file_is_refused(cli, pack):
    leads = pack / "leads.csv"
    leads.write_text(LEADS, encoding="utf-8")
    proc = _batch(cli, pack, leads)
    assert proc.returncode == 2 and "which this run reads" in proc.err
    assert leads.read_text(encoding="utf-8") == LEADS
    (pack / "link.csv").symlink_to(leads)
    proc = _batch(cli, pack, pack / "link.csv")
    assert proc.returncode == 2 and leads.read_text(encoding="utf-8") == LEADS
    proc = _batch(cli, pack, leads, data="link.csv")
    assert proc.returncode == 2 and leads.read_text(encoding="utf-8") == LEADS


def test_an_output_that_is_the_defaults_file_is_refused(cli, pack):
    (pack / "leads.csv").write_text(LEADS, encoding="utf-8")
    defaults = pack / "defaults.yaml"
    defaults.write_text("topic: CRM\n", encoding="utf-8")
    proc = cli("render", "sms/hello", "--locale", "en", "--data", "leads.csv", "--defaults", "defaults.yaml",
               "--templates", "templates", "--out", "defaults.yaml", cwd=pack)
    assert proc.returncode == 2 and defaults.read_text(encoding="utf-8") == "topic: CRM\n"


def test_a_first_lint_skips_virtual_environments_and_what_git_ignores(cli, tmp_path):
    """A new project with a .venv and no templates/ yet: msglint must not lint the installed
    packages (it reported 24 errors in msglint's own files), nor what .gitignore leaves out."""
    from conftest import SMS_FRONT, write_template

    venv = tmp_path / "venv-of-mine"
    (venv / "lib" / "site-packages" / "pkg").mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    write_template(venv / "lib" / "site-packages" / "pkg", "en/sms/bad.txt.j2", SMS_FRONT, "Hi [First Name]\n")
    write_template(tmp_path / ".venv", "en/sms/bad.txt.j2", SMS_FRONT, "Hi [First Name]\n")
    write_template(tmp_path / "build", "en/sms/bad.txt.j2", SMS_FRONT, "Hi [First Name]\n")
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    proc = cli("lint")
    assert proc.returncode == 2 and "no templates found" in proc.err
    write_template(tmp_path / "drafts", "en/sms/hello.txt.j2", SMS_FRONT, "Hi {{ name }}, about {{ topic }}.\n")
    code, data = cli.json("lint", "--no-cache")
    assert [m["path"] for m in data["messages"]] == ["drafts/templates/en/sms/hello.txt.j2"]
