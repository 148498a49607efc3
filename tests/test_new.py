"""``msglint new``: scaffolds that lint clean as written, in every locale, and refuse to clobber."""

import shutil

import pytest

from conftest import REPO

CASES = [("sms", "transactional", "follow-up"), ("voicemail", "transactional", "inbound-response"),
         ("email", "transactional", "meeting-proposal"), ("sms", "advertising", "offer"),
         ("email", "advertising", "offer")]


@pytest.mark.parametrize("channel, purpose, stage", CASES)
def test_a_new_pair_lints_clean(cli, tmp_path, channel, purpose, stage):
    proc = cli("new", f"{channel}/webinar-invite", "--channel", channel, "--purpose", purpose, "--stage", stage,
               "--lang", "en")
    assert proc.returncode == 0, proc.out + proc.err
    for locale in ("ko", "en"):
        path = tmp_path / "templates" / locale / channel / "webinar-invite.txt.j2"
        text = path.read_text(encoding="utf-8")
        assert f"stage: {stage}\n" in text and f"purpose: {purpose}\n" in text and "$" not in text.split("---")[1]
        assert f"msglint: wrote templates/{locale}/{channel}/webinar-invite.txt.j2" in proc.err
    linted = cli("lint", ".", "--lang", "en")
    assert linted.returncode == 0, linted.out
    assert "2 templates checked: 0 errors" in linted.out


def test_the_issue_case_in_a_copy_of_the_shipped_pack(cli, tmp_path):
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    (tmp_path / ".msglint.yaml").write_text("templates: templates\n", encoding="utf-8")
    proc = cli("new", "sms/webinar-invite", "--channel", "sms")
    assert proc.returncode == 0, proc.out + proc.err
    linted = cli("lint", "--lang", "en", "--no-cache")
    assert linted.returncode == 0, linted.out
    shipped = sum(1 for _ in (REPO / "templates").rglob("*.j2"))
    assert f"{shipped + 2} templates checked: 0 errors" in linted.out


def test_the_id_may_leave_out_the_channel_and_locales_may_be_chosen(cli, tmp_path):
    # The one end-to-end run of `msglint new`: `python -m msglint` in a process of its own.
    proc = cli("new", "webinar-invite", "--channel", "email", "--locales", "en", process=True)
    assert proc.returncode == 0, proc.err
    assert (tmp_path / "templates/en/email/webinar-invite.txt.j2").is_file()
    assert not (tmp_path / "templates/ko").exists()


@pytest.mark.parametrize("args, said", [
    (["email/x", "--channel", "sms"], "is under 'email/' but --channel is sms"),
    (["sms/Webinar_Invite", "--channel", "sms"], "is not a template name"),
    (["sms/x", "--channel", "sms", "--stage", "folow-up"], "did you mean 'follow-up'"),
    (["voicemail/x", "--channel", "voicemail", "--purpose", "advertising"], "no advertising voicemail skeleton"),
])
def test_bad_requests_are_usage_errors(cli, args, said):
    proc = cli("new", *args, "--lang", "en")
    assert proc.returncode == 2
    assert said in proc.err


def test_never_overwrites(cli, tmp_path):
    assert cli("new", "sms/x", "--channel", "sms").returncode == 0
    target = tmp_path / "templates/ko/sms/x.txt.j2"
    target.write_text("mine", encoding="utf-8")
    proc = cli("new", "sms/x", "--channel", "sms", "--lang", "en")
    assert proc.returncode == 2 and "already exists" in proc.err
    assert target.read_text(encoding="utf-8") == "mine"


def test_korean_messages(cli):
    proc = cli("new", "sms/Bad_Name", "--channel", "sms", "--lang", "ko")
    assert proc.returncode == 2
    assert "템플릿 이름이 아닙니다" in proc.err
