"""The command-line contract of DESIGN.md. Most commands run in this process (conftest.CLI); one
test per command, and those about the process itself, run `python -m msglint` for real."""

import json

import pytest

from conftest import REPO, SMS_FRONT, write_template


def test_shipped_pack_is_lint_clean(repo_cli):
    proc = repo_cli("lint")
    assert proc.returncode == 0, proc.out
    assert "0 errors" in proc.out


def test_shipped_pack_json_lists_every_template_and_locale(repo_cli):
    code, data = repo_cli.json("lint", "templates")
    assert code == 0
    assert data["summary"]["errors"] == 0
    keys = {(m["template"], m["locale"]) for m in data["messages"]}
    assert ("email/meeting-proposal", "ko") in keys and ("email/meeting-proposal", "en") in keys
    assert all(m["facts"]["chars"] > 0 for m in data["messages"])


def test_check_stdin_json_contract(cli):
    proc = cli("check", "-", "--channel", "email", "--locale", "en", "--format", "json",
               input="Hi Priya, just checking in.")
    assert proc.returncode == 0  # generic-phrase is a warning
    data = json.loads(proc.out)
    assert set(data) == {"findings", "facts", "summary"}
    finding = data["findings"][0]
    assert finding["rule"] == "generic-phrase"
    assert finding["severity"] == "warning"
    assert finding["excerpt"] == "just checking in"
    assert finding["suggestion"]
    assert finding["locale"] == "en" and finding["channel"] == "email"
    assert "path" not in finding and "line" not in finding  # stdin has no position
    assert data["facts"]["chars"] == 27 and data["facts"]["words"] == 5
    assert data["summary"] == {"errors": 0, "warnings": 1, "infos": 0}


def test_check_exits_1_when_rule_is_raised_to_error(cli, tmp_path):
    (tmp_path / ".msglint.yaml").write_text("severity:\n  generic-phrase: error\n")
    # The one end-to-end run of `msglint check`: exit 1 through msglint.cli.run and os._exit.
    proc = cli("check", "-", "--channel", "email", "--locale", "en", input="Hi Priya, just checking in.",
               process=True)
    assert proc.returncode == 1
    assert "error generic-phrase" in proc.out


def test_text_output_to_a_pipe_is_plain_and_shows_the_message_as_written(cli):
    # A pipe gets plain lines (no rich): brackets and :codes: in a message are text, not styles or emoji.
    text = "[bold]내일[/] :smile: 미팅 가능해?"
    proc = cli("check", "-", "--channel", "sms", "--locale", "ko", input=text)
    assert proc.out.splitlines() == [
        "<stdin>:1:1: warning ko-speech-level 반말(-어)로 끝나는 문장입니다: 고객에게는 해요체나 하십시오체를 쓰세요",
        "    │ [bold]내일[/] :smile: 미팅 가능해?",
        "    → “[bold]내일[/] :smile: 미팅 가능해요?”",
        "메시지 1개 검사: 오류 0건, 경고 1건, 정보 0건",
    ]
    styled = cli("check", "-", "--channel", "sms", "--locale", "ko", input=text, env={"FORCE_COLOR": "1"})
    assert "\x1b[" in styled.out and "[bold]내일[/] :smile:" in styled.out


def test_check_files_report_positions_and_use_messages_form(cli, tmp_path):
    (tmp_path / "a.txt").write_text("Hello Kim.\nJust checking in on the proposal.\n")
    (tmp_path / "b.txt").write_text("Hello Kim, the case study is attached.\n")
    code, data = cli.json("check", "a.txt", "b.txt", "--channel", "sms", "--locale", "en")
    assert [m["path"] for m in data["messages"]] == ["a.txt", "b.txt"]
    finding = data["messages"][0]["findings"][0]
    assert (finding["path"], finding["line"], finding["column"]) == ("a.txt", 2, 1)
    assert data["messages"][1]["findings"] == []


def test_check_email_file_with_subject_line(cli, tmp_path):
    (tmp_path / "mail.txt").write_text("Subject: Quick question\n\nHi Kim,\nthe deck is attached.\n")
    code, data = cli.json("check", "mail.txt", "--channel", "email", "--locale", "en")
    finding = data["findings"][0]
    assert finding["excerpt"] == "Quick question"
    assert (finding["line"], finding["column"]) == (1, 10)


def test_check_korean_generic_line_from_seed_003(cli):
    code, data = cli.json("check", "-", "--channel", "sms", "--locale", "ko", input="안녕하세요, 계약 진행 어떠신가요?")
    assert [f["rule"] for f in data["findings"]] == ["generic-phrase"]
    assert data["findings"][0]["excerpt"] == "계약 진행 어떠신가요"


def test_check_without_channel_is_a_usage_error(cli):
    proc = cli("check", "-", "--locale", "en", input="hello")
    assert proc.returncode == 2
    assert "--channel" in proc.err
    assert "Traceback" not in proc.err


def test_check_of_a_folder_reads_its_message_files_in_name_order(cli, tmp_path):
    outbox = tmp_path / "outbox"
    (outbox / "follow-ups").mkdir(parents=True)
    (outbox / ".drafts").mkdir()
    (outbox / "b.txt").write_text("Hi Kim, just checking in.\n")
    (outbox / "a.md").write_text("Hi Kim, the deck is attached.\n")
    (outbox / "follow-ups" / "c.TXT").write_text("Hi Kim, I hope this email finds you well.\n")
    (outbox / ".drafts" / "d.txt").write_text("ACT NOW!!!\n")  # hidden: an editor's or a tool's
    (outbox / ".e.txt").write_text("ACT NOW!!!\n")
    (outbox / "leads.csv").write_text("name\nKim\n")  # not a message
    (tmp_path / "f.txt").write_text("Hi Lee, the quote is attached.\n")
    code, data = cli.json("check", "outbox", "f.txt", "--channel", "sms", "--locale", "en")
    assert code == 0
    assert [m["path"] for m in data["messages"]] == [
        "outbox/a.md", "outbox/b.txt", "outbox/follow-ups/c.TXT", "f.txt"]
    assert [f["rule"] for f in data["messages"][1]["findings"]] == ["generic-phrase"]
    assert data["messages"][1]["findings"][0]["path"] == "outbox/b.txt"
    assert data["summary"]["warnings"] == 2


def test_check_of_a_folder_without_messages_says_so_and_reports_nothing(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.json").write_text("{}")
    proc = cli("check", "empty", "--channel", "sms", "--locale", "en", "--format", "json")
    assert proc.returncode == 0
    assert json.loads(proc.out) == {"messages": [], "summary": {"errors": 0, "warnings": 0, "infos": 0}}
    assert proc.err.strip() == "msglint: no message files (.txt, .text, .md, .markdown) in empty"
    korean = cli("check", "empty", "--channel", "sms", "--locale", "en", env={"LANG": "ko_KR.UTF-8"})
    assert korean.err.strip() == "msglint: empty에 메시지 파일(.txt, .text, .md, .markdown)이 없습니다"
    assert korean.out.strip() == "메시지 0개 검사: 오류 0건, 경고 0건, 정보 0건"


def test_a_folder_that_cannot_be_listed_is_an_error_naming_it(tmp_path, monkeypatch):
    from msglint.run.files import message_files
    from msglint.errors import MsglintError

    (tmp_path / "outbox").mkdir()
    folder = str(tmp_path / "outbox")

    def refused(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("os.scandir", refused)
    with pytest.raises(MsglintError) as raised:
        message_files([folder], echo=print)
    assert str(raised.value) == f"{folder}: cannot read the folder (Permission denied)"


def test_check_missing_file(cli):
    proc = cli("check", "nope.txt", "--channel", "sms", "--locale", "en")
    assert proc.returncode == 2
    assert proc.err.strip() == "msglint: error: nope.txt: no such file"


def test_check_non_utf8_input(cli):
    proc = cli("check", "-", "--channel", "sms", "--locale", "ko", input="안녕하세요".encode("cp949"))
    assert proc.returncode == 2
    assert "not UTF-8" in proc.err


def test_rules_lists_every_rule_with_source(repo_cli):
    code, data = repo_cli.json("rules")
    ids = {r["id"] for r in data["rules"]}
    for required in ("unfilled-placeholder", "personalization-missing", "generic-phrase", "spam-trigger",
                     "locale-parity", "template-syntax"):
        assert required in ids
    assert all(r["source"] for r in data["rules"])
    # The one end-to-end run of `msglint rules`: `python -m msglint` in a process of its own.
    text = repo_cli("rules", process=True).out
    assert "source: 「상담 후 문자·전화 주기」" in text


def test_templates_lists_the_pack(repo_cli):
    # The one end-to-end run of `msglint templates`: `python -m msglint` in a process of its own.
    code, data = repo_cli.json("templates", process=True)
    rows = {r["id"]: r for r in data["templates"]}
    assert rows["email/meeting-proposal"]["locales"] == ["en", "ko"]
    assert rows["email/meeting-proposal"]["stage"] == "meeting-proposal"
    assert rows["voicemail/first-attempt"]["channel"] == "voicemail"


def test_render_with_vars_and_data(repo_cli, tmp_path):
    lead = tmp_path / "lead.yaml"
    lead.write_text(
        "name: 이서연\ntopic: 영업 자동화\nsender_name: 박지은\ncompany: 리드웨이\n"
        "slots: [2026-11-24T14:00:00+09:00, 2026-11-25T10:00:00+09:00]\n", encoding="utf-8")
    code, data = repo_cli.json("render", "sms/missed-call", "--locale", "ko", "--data", lead, "--var", "name=최유리")
    assert code == 0
    assert data["body"].startswith("최유리 님, 리드웨이 박지은입니다. 영업 자동화 문의")
    assert "11월 24일(화) 오후 2시 또는 11월 25일(수) 오전 10시" in data["body"]
    assert data["facts"]["chars"] == len(data["body"])


def test_render_text_shows_message_and_facts(repo_cli):
    # The one end-to-end run of `msglint render`: `python -m msglint` in a process of its own.
    proc = repo_cli("render", "email/meeting-proposal", "--locale", "en", process=True)
    assert proc.returncode == 0
    assert "Subject: A 30-minute call about your CRM rollout?" in proc.out
    assert "- Tuesday, November 24 at 2:00 PM" in proc.out
    assert "chars " in proc.out


def test_render_missing_variable_names_it(repo_cli, tmp_path):
    lead = tmp_path / "lead.json"
    lead.write_text('{"name": "Kim"}')
    proc = repo_cli("render", "email/graceful-exit", "--locale", "en", "--data", lead)
    assert proc.returncode == 2
    assert "email/graceful-exit (en) needs topic, sender_name, company" in proc.err
    assert "Traceback" not in proc.err


def test_render_unknown_id_and_locale(repo_cli):
    proc = repo_cli("render", "sms/nope", "--locale", "en")
    assert proc.returncode == 2 and "no template 'sms/nope'" in proc.err
    proc = repo_cli("render", "sms/missed-call", "--locale", "fr")
    assert proc.returncode == 2 and "has no fr version" in proc.err


def test_bad_var_syntax(repo_cli):
    proc = repo_cli("render", "sms/missed-call", "--locale", "en", "--var", "nameKim")
    assert proc.returncode == 2 and "key=value" in proc.err


def test_version_is_fast_path(cli):
    proc = cli("--version")
    assert proc.returncode == 0 and proc.out.startswith("msglint, version ")


def test_lint_default_path_is_current_project(cli, pack):
    proc = cli("lint")
    assert proc.returncode == 0, proc.out
    assert "2 templates checked: 0 errors" in proc.out


def test_lint_reports_error_with_position_and_exit_1(cli, pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT, "Hi {{ name }},\nabout {{ topic }}: [First Name] asked.\n")
    # The one end-to-end run of `msglint lint`: exit 1 through msglint.cli.run and os._exit.
    proc = cli("lint", "templates", process=True)
    assert proc.returncode == 1
    assert "templates/en/sms/hello.txt.j2:11:20: error unfilled-placeholder" in proc.out


def test_a_profiled_run_still_writes_its_profile(tmp_path):
    # The command skips the interpreter's teardown for speed, except under a profiler or tracer.
    import subprocess
    import sys

    out = tmp_path / "run.prof"
    proc = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "msglint", "--version"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and out.stat().st_size > 0, proc.stderr


def test_a_reader_that_stops_early_is_no_error(tmp_path):
    """`msglint rules | head -1`: the command's output is cut short, and it still exits 0 (not 1,
    which means error findings), whether it prints through rich or not."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "NO_COLOR": "1", "LANG": "C.UTF-8"}
    for args in (["rules"], ["templates"], ["lint"]):
        proc = subprocess.Popen([sys.executable, "-m", "msglint", *args], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, cwd=REPO, env=env)
        assert proc.stdout.readline()
        proc.stdout.close()  # as `head -1` does once it has its line
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, (args, err.decode())
