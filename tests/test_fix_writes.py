"""msglint fix writes where the user's file really is and keeps what they own: a symlink stays a
link (and its template is fixed once), owner, group, mode and hard links are kept, and a file
edited while it was being fixed is left as the user made it."""

from __future__ import annotations

import os

import pytest
from conftest import SMS_FRONT, write_template

BODY = "Hi {{ name }}, great news!!! about {{ topic }}.\n"


@pytest.fixture
def fixable(pack):
    return write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT, BODY)


def test_a_symlinked_template_is_fixed_through_the_link_once(cli, pack, fixable):
    real = fixable.parent / "hello-base.txt.j2"  # links may only point inside the templates folder
    fixable.rename(real)
    fixable.symlink_to(real)
    proc = cli("fix", "templates/en", "--format", "json", cwd=pack)
    assert proc.returncode in (0, 1), proc.err
    assert fixable.is_symlink() and "great news!" in real.read_text(encoding="utf-8")
    assert "news!!!" not in real.read_text(encoding="utf-8")


def test_a_link_to_a_template_of_the_pack_is_one_template(cli, pack, fixable):
    (fixable.parent / "alias.txt.j2").symlink_to(fixable)
    code, data = cli.json("lint", "--no-cache", "templates/en", cwd=pack)
    assert [m["path"] for m in data["messages"]].count("templates/en/sms/hello.txt.j2") == 1
    assert not [m for m in data["messages"] if m["path"].endswith("alias.txt.j2")]


def test_hard_links_and_mode_are_kept(cli, pack, fixable):
    other = pack / "hardlink.txt.j2"
    os.link(fixable, other)
    fixable.chmod(0o640)
    inode = fixable.stat().st_ino
    cli("fix", "templates/en", cwd=pack)
    assert fixable.stat().st_ino == inode and other.stat().st_ino == inode
    assert "news!!!" not in other.read_text(encoding="utf-8")
    assert fixable.stat().st_mode & 0o777 == 0o640


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing a file's owner needs root")
def test_the_owner_is_kept(cli, pack, fixable):
    os.chown(fixable, 1234, 1234)
    cli("fix", "templates/en", cwd=pack)
    assert (fixable.stat().st_uid, fixable.stat().st_gid) == (1234, 1234)
    assert "news!!!" not in fixable.read_text(encoding="utf-8")


def test_an_edit_made_while_fixing_is_not_lost(pack, fixable, monkeypatch):
    from click.testing import CliRunner

    from msglint.cli import main
    from msglint.commands import fix as command

    original = command.fix_template

    def slow_fix(path, *args, **kwargs):
        outcome = original(path, *args, **kwargs)
        path.write_text(path.read_text(encoding="utf-8") + "Edited by hand.\n", encoding="utf-8")  # the user saves
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
        return outcome

    monkeypatch.setattr(command, "fix_template", slow_fix)
    monkeypatch.chdir(pack)
    result = CliRunner().invoke(main, ["fix", "templates/en"])
    text = fixable.read_text(encoding="utf-8")
    assert "Edited by hand." in text and "news!!!" in text  # the user's version, untouched
    assert "changed while it was being fixed" in result.output


def test_a_fix_that_would_not_render_says_why(cli, pack):
    path = pack / "templates" / "ko" / "sms" / "ad.txt.j2"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\nchannel: sms\nstage: offer\npurpose: advertising\naudience: b2c\nvariables:\n"
                    "  name: {required: true, role: name}\nsample: {name: 김민수}\n---\n"
                    "(광고) 리드웨이\n{{ name }} 님, 연말 특가 안내드립니다.\n", encoding="utf-8")
    proc = cli("fix", "templates/ko", "--unsafe", "--lang", "en", cwd=pack)
    assert "optout_number" in proc.out + proc.err and "declared" in proc.out + proc.err
