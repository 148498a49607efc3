"""Odd input is a clear error (exit 2) or a finding, never an internal error (exit 3) or a
traceback: dates at the ends of the calendar, config and rule fields of the wrong shape, lead data
nested thousands deep, a name too long for a file, half a character in a message."""

from __future__ import annotations

import json

import pytest
from conftest import SMS_FRONT, REPO, write_template


@pytest.mark.parametrize("moment", ["0001-01-01T00:00+14:00", "9999-12-31T23:59-12:00"])
def test_a_send_time_at_the_ends_of_the_calendar_is_a_usage_error(cli, moment):
    proc = cli("check", "--channel", "sms", "--locale", "en", "--send-at", moment, input="Hi Priya.")
    assert proc.returncode == 2 and "out of range" in proc.err and "Traceback" not in proc.err


def test_a_sequence_started_at_the_end_of_the_calendar_is_a_usage_error(cli):
    proc = cli("schedule", str(REPO / "sequences" / "inbound-lead.yaml"), "--locale", "en", "--start", "9999-12-31T23:00")
    assert proc.returncode == 2 and "out of range" in proc.err


def test_an_empty_time_zone_is_refused(cli):
    proc = cli("check", "--channel", "sms", "--locale", "en", "--send-at", "2026-11-24T10:00", "--tz", "", input="Hi.")
    assert proc.returncode == 2 and "--tz" in proc.err


@pytest.mark.parametrize("value", ["1", "true", "[1, 2]", "[null]", "2026-01-01", "{a: 1}"])
def test_config_rules_of_the_wrong_shape_are_a_config_error(cli, value):
    (cli.cwd / ".msglint.yaml").write_text(f"rules: {value}\n", encoding="utf-8")
    proc = cli("check", "--channel", "sms", "--locale", "en", input="Hi.")
    assert proc.returncode == 2 and "Traceback" not in proc.err


def test_config_lang_of_the_wrong_shape_is_a_config_error(cli):
    (cli.cwd / ".msglint.yaml").write_text("lang: {}\n", encoding="utf-8")
    proc = cli("check", "--channel", "sms", "--locale", "en", input="Hi.")
    assert proc.returncode == 2 and "'lang" in proc.err


@pytest.mark.parametrize("rule", [
    "settings: {speech_rate: null}\nrules: []",
    "settings: {schedule: null}\nrules: []",
    "settings: {schedule: {parts_of_day: {morning: '25:00', afternoon: '16:00'}}}\nrules: []",
    "settings: {schedule: {parts_of_day: {evening: '19:00'}}}\nrules: []",
    "settings: {schedule: {sms: {hours: '08:00-21:00', working_days: [b2x]}}}\nrules: []",
    "settings: {schedule: {sms: {hours: '08:00-21:00', any_day: inbound-response}}}\nrules: []",
    "rules:\n  - {id: {}, kind: pattern, severity: warning, message: x, source: y, patterns: [a]}",
    "rules:\n  - {id: team-x, kind: pattern, severity: warning, scope: {}, message: x, source: y, patterns: [a]}",
])
def test_a_rule_file_with_a_field_of_the_wrong_shape_is_a_config_error(cli, rule):
    (cli.cwd / "team.yaml").write_text(rule + "\n", encoding="utf-8")
    (cli.cwd / ".msglint.yaml").write_text("rules: [team.yaml]\n", encoding="utf-8")
    for args in (("check", "--channel", "sms", "--locale", "en"), ("rules", "--test")):
        proc = cli(*args, input="Hi.")
        assert proc.returncode == 2 and "team.yaml" in proc.err and "Traceback" not in proc.err


def test_lead_data_nested_thousands_deep_is_one_failed_row(cli, pack):
    (pack / "deep.json").write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    proc = cli("render", "sms/hello", "--locale", "en", "--templates", "templates", "--data", "deep.json", cwd=pack)
    assert proc.returncode == 2 and "nested too deeply" in proc.err
    (pack / "leads.jsonl").write_text('{"name": "Priya", "topic": "CRM"}\n' + "[" * 5000 + "]" * 5000 + "\n",
                                      encoding="utf-8")
    proc = cli("render", "sms/hello", "--locale", "en", "--templates", "templates", "--data", "leads.jsonl", cwd=pack)
    lines = [json.loads(line) for line in proc.out.splitlines()]
    assert proc.returncode == 1 and lines[0].get("body") and "nested too deeply" in lines[1]["error"]


def test_a_template_name_too_long_for_a_file_is_a_usage_error(cli, pack):
    proc = cli("new", "sms/" + "a" * 300, "--channel", "sms", "--templates", "templates", cwd=pack)
    assert proc.returncode == 2 and "too long" in proc.err


def test_half_a_character_in_a_message_is_a_render_finding(cli, pack):
    write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT, 'Hi {{ name }}, {{ topic }} {{ "\\ud800" }}\n')
    code, data = cli.json("lint", "--no-cache", "templates/en", cwd=pack)
    found = [f for m in data["messages"] for f in m["findings"] if f["rule"] == "template-render"]
    assert code == 1 and found and "surrogate" in found[0]["message"]


def test_a_rule_file_with_too_many_rules_is_refused_before_it_is_built(cli):
    rules = "".join(f"  - {{id: team-{i}, kind: phrases, severity: warning, message: x, source: y, phrases: [w{i}]}}\n"
                    for i in range(1_200))
    (cli.cwd / "team.yaml").write_text("rules:\n" + rules, encoding="utf-8")
    (cli.cwd / ".msglint.yaml").write_text("rules: [team.yaml]\n", encoding="utf-8")
    proc = cli("check", "--channel", "sms", "--locale", "en", input="Hi.")
    assert proc.returncode == 2 and "1,200 rules in one file" in proc.err


def test_a_rule_with_too_many_phrases_is_refused(cli):
    phrases = ", ".join(f"w{i}" for i in range(2_500))
    (cli.cwd / "team.yaml").write_text(f"rules:\n  - {{id: team-x, kind: phrases, severity: warning, message: x, "
                                       f"source: y, phrases: [{phrases}]}}\n", encoding="utf-8")
    (cli.cwd / ".msglint.yaml").write_text("rules: [team.yaml]\n", encoding="utf-8")
    proc = cli("check", "--channel", "sms", "--locale", "en", input="Hi.")
    assert proc.returncode == 2 and "2,500 phrases" in proc.err


def test_a_sequence_with_too_many_steps_is_one_finding_at_once(cli, pack):
    import time

    steps = "".join(f"  - {{after: {i}d, send: sms/hello}}\n" for i in range(1, 2_000))
    (pack / "sequences").mkdir()
    path = pack / "sequences" / "long.yaml"
    path.write_text("trigger: inquiry\nlocales: [en]\nsteps:\n" + steps, encoding="utf-8")
    start = time.monotonic()
    code, data = cli.json("lint", "--no-cache", str(path), cwd=pack)
    assert time.monotonic() - start < 10
    messages = [f["message"] for m in data["sequences"] for f in m["findings"]]
    assert code == 1 and any("1,999 steps" in m for m in messages)


def test_lead_values_that_no_message_can_show_fail_their_row(cli, pack):
    rows = ['{"name": {"a": {"b": 1}}, "topic": "CRM"}', '{"name": "Pri\\u0000ya", "topic": "CRM"}',
            '{"name": "Priya", "topic": ["CRM", "SSO"]}', '{"name": "Priya", "topic": "CRM"}']
    (pack / "leads.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    proc = cli("render", "sms/hello", "--locale", "en", "--templates", "templates", "--data", "leads.jsonl", cwd=pack)
    lines = [json.loads(line) for line in proc.out.splitlines()]
    assert [("error" in line) for line in lines] == [True, True, True, False]
    assert "mapping" in lines[0]["error"] and "U+0000" in lines[1]["error"] and "list" in lines[2]["error"]
    assert "{'a'" not in proc.out  # never Python's repr in a customer's message


def test_a_template_saved_with_a_byte_order_mark_is_read_and_keeps_it_when_fixed(cli, pack):
    path = write_template(pack, "en/sms/hello.txt.j2", SMS_FRONT, "Hi {{ name }}, great news!!! about {{ topic }}.\n")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # Windows Notepad's "UTF-8 with BOM"
    code, data = cli.json("lint", "--no-cache", "templates/en", cwd=pack)
    assert "front-matter" not in [f["rule"] for m in data["messages"] for f in m["findings"]]
    cli("fix", "templates/en", cwd=pack)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf---") and b"news!!!" not in path.read_bytes()


def test_a_key_written_twice_is_an_error_not_the_last_one_silently(cli, pack):
    path = write_template(pack, "en/sms/hello.txt.j2", "channel: sms\n" + SMS_FRONT.strip(), "Hi {{ name }} {{ topic }}.\n")
    code, data = cli.json("lint", "--no-cache", "templates/en", cwd=pack)
    found = [f for m in data["messages"] for f in m["findings"] if f["rule"] == "front-matter"]
    assert code == 1 and any("written twice" in f["message"] for f in found)
    (pack / ".msglint.yaml").write_text("lang: en\nlang: ko\n", encoding="utf-8")
    proc = cli("check", "--channel", "sms", "--locale", "en", input="Hi.", cwd=pack)
    assert proc.returncode == 2 and "written twice" in proc.err
    (pack / ".msglint.yaml").unlink()
    (pack / "lead.json").write_text('{"name": "Priya", "name": "Dana", "topic": "CRM"}', encoding="utf-8")
    proc = cli("render", "sms/hello", "--locale", "en", "--templates", "templates", "--data", "lead.json", cwd=pack)
    assert proc.returncode == 2 and "written twice" in proc.err
    assert path.exists()


def test_a_sequence_batch_missing_a_column_stops_before_the_first_row(cli, tmp_path):
    import shutil

    shutil.copytree(REPO / "templates", tmp_path / "templates")
    shutil.copytree(REPO / "sequences", tmp_path / "sequences")
    (tmp_path / "leads.csv").write_text("name,start\nPriya,2026-12-08T10:00\nDana,2026-12-08T11:00\n", encoding="utf-8")
    proc = cli("render", "--sequence", "inbound-lead", "--locale", "en", "--data", "leads.csv")
    assert proc.returncode == 2 and "has no column for" in proc.err and "row 1" not in proc.err


def test_a_step_that_waits_years_is_a_finding_not_an_overflow(cli, pack):
    (pack / "sequences").mkdir()
    path = pack / "sequences" / "far.yaml"
    steps = "".join("  - {after: 999w, send: sms/hello}\n" for _ in range(5))
    path.write_text("trigger: inquiry\nlocales: [en]\nsteps:\n" + steps, encoding="utf-8")
    code, data = cli.json("lint", "--no-cache", str(path), cwd=pack)
    assert code == 1 and any("more than a year" in f["message"] for m in data["sequences"] for f in m["findings"])
    proc = cli("schedule", str(path), "--locale", "en", "--start", "8999-06-01T10:00", cwd=pack)
    assert proc.returncode in (0, 1, 2) and "internal error" not in proc.err


def test_a_lead_send_at_without_a_zone_is_said_as_the_lead_s_field(cli, pack):
    (pack / "leads.csv").write_text("name,topic,send_at\nPriya,CRM,2026-11-24T21:30\n", encoding="utf-8")
    proc = cli("render", "sms/hello", "--locale", "en", "--templates", "templates", "--data", "leads.csv", cwd=pack)
    line = json.loads(proc.out.splitlines()[0])
    assert "send_at '2026-11-24 21:30:00' has no time zone" in line["error"] and "timezone" in line["error"]
    assert "--tz" not in line["error"] and "--send-at" not in line["error"]


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no FIFOs here")
def test_a_folder_or_fifo_named_like_a_template_is_reported_not_skipped_nor_read(cli, pack):
    import os

    (pack / "templates" / "en" / "sms" / "folder.txt.j2").mkdir()
    os.mkfifo(pack / "templates" / "en" / "sms" / "pipe.txt.j2")  # reading it would block for ever
    proc = cli("lint", "templates/en", cwd=pack)
    assert proc.returncode == 1
    assert proc.out.count("is not a file") == 2
