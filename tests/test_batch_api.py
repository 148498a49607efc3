"""Rendering for real leads (CSV, JSON Lines, YAML lists) and the Python API."""

import json

import pytest

from conftest import REPO

HEADER = "name,topic,sender_name,company,slots,crm_id\n"
ROW = "{name},CRM 도입,박지은,리드웨이,2026-11-24T14:00:00+09:00; 2026-11-25T10:00:00+09:00,{i}\n"


def render(cli, *args):
    return cli("render", "sms/missed-call", "--locale", "ko", "--templates", REPO / "templates", *args)


def test_csv_from_excel_in_cp949(cli, tmp_path):
    csv = tmp_path / "leads.csv"
    csv.write_bytes((HEADER + ROW.format(name="김민수", i=1) + ROW.format(name="", i=2) +
                     ROW.format(name="이서연", i=3)).encode("cp949"))
    proc = render(cli, "--data", csv, "--out", tmp_path / "out.jsonl")
    assert proc.returncode == 1  # one row failed
    assert "read" in proc.err and "as CP949" in proc.err
    assert "leads.csv row 3: 'name' is empty" in proc.err
    assert "rendered 2, failed 1, total 3" in proc.err
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [line["row"] for line in lines] == [2, 3, 4]
    assert lines[0]["body"].startswith("김민수 님, 리드웨이 박지은입니다.")
    assert "11월 24일(화) 오후 2시 또는 11월 25일(수) 오전 10시" in lines[0]["body"]
    assert lines[0]["facts"]["kr_type"] == "LMS"
    assert lines[1] == {"row": 3, "template": "sms/missed-call", "locale": "ko", "error": "'name' is empty"}


def test_csv_with_bom_and_explicit_encoding(cli, tmp_path):
    csv = tmp_path / "leads.csv"
    csv.write_bytes(b"\xef\xbb\xbf" + (HEADER + ROW.format(name="김민수", i=1)).encode("utf-8"))
    proc = render(cli, "--data", csv)
    assert proc.returncode == 0 and "as UTF-8 with BOM" in proc.err
    assert json.loads(proc.out.splitlines()[0])["body"].startswith("김민수 님")
    csv.write_bytes((HEADER + ROW.format(name="김민수", i=1)).encode("cp949"))
    proc = render(cli, "--data", csv, "--encoding", "cp949")
    assert proc.returncode == 0 and "as cp949" in proc.err


def test_missing_required_column_fails_before_any_row(cli, tmp_path):
    csv = tmp_path / "leads.csv"
    csv.write_text("name,company\n김민수,리드웨이\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = render(cli, "--data", csv, "--out", out)
    assert proc.returncode == 2
    assert "leads.csv has no column for topic, sender_name, slots" in proc.err
    assert not out.exists()


def test_jsonl_and_yaml_lists(cli, tmp_path):
    lead = {"name": "김민수", "topic": "CRM 도입", "sender_name": "박지은", "company": "리드웨이",
            "slots": ["2026-11-24T14:00:00+09:00"]}
    jsonl = tmp_path / "leads.jsonl"
    jsonl.write_text(json.dumps(lead, ensure_ascii=False) + "\n{not json\n" + json.dumps({**lead, "name": "이서연"},
                                                                                         ensure_ascii=False) + "\n",
                     encoding="utf-8")
    proc = render(cli, "--data", jsonl)
    assert proc.returncode == 1
    assert "leads.jsonl row 2: not valid JSON" in proc.err and "rendered 2, failed 1, total 3" in proc.err
    listing = tmp_path / "leads.yaml"
    listing.write_text("- name: 김민수\n  topic: CRM 도입\n  sender_name: 박지은\n  company: 리드웨이\n"
                       "  slots: [2026-11-24T14:00:00+09:00]\n- name: 이서연\n", encoding="utf-8")
    proc = render(cli, "--data", listing)
    assert "leads.yaml row 2: no value for topic, sender_name, company, slots" in proc.err


def test_too_long_value_is_reported_by_field(cli, tmp_path):
    csv = tmp_path / "leads.csv"
    csv.write_text(HEADER + ROW.format(name="가" * 11, i=1), encoding="utf-8")
    proc = render(cli, "--data", csv)
    assert "row 2: 'name' is 11 characters, longer than its max_length 10" in proc.err


def test_output_is_atomic_on_failure(cli, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("previous run\n")
    proc = render(cli, "--data", tmp_path / "missing.csv", "--out", out)
    assert proc.returncode == 2 and "no such file" in proc.err
    assert out.read_text() == "previous run\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


@pytest.mark.slow  # 10,000 leads
def test_ten_thousand_rows_add_up(cli, tmp_path):
    csv = tmp_path / "leads.csv"
    rows = [ROW.format(name="" if i % 1000 == 0 else f"고객{i % 97}", i=i) for i in range(10000)]
    csv.write_text(HEADER + "".join(rows), encoding="utf-8")
    proc = render(cli, "--data", csv, "--out", tmp_path / "out.jsonl")
    assert "rendered 9990, failed 10, total 10000" in proc.err
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 10000


def test_python_api_renders_and_checks():
    from msglint import Finding, Message, MsglintError, Pack, check

    pack = Pack(REPO / "templates")
    assert "sms/missed-call" in pack.ids() and pack.locales("sms/missed-call") == ["en", "ko"]
    message = pack.render("sms/missed-call", "en", {
        "name": "Priya", "topic": "CRM rollout", "sender_name": "Daniel", "company": "Leadway",
        "slots": ["2026-11-24T14:00:00-05:00", "2026-11-25T10:00:00-05:00"]})
    assert isinstance(message, Message)
    assert message.body.startswith("Hi Priya, Daniel at Leadway.")
    assert message.facts["segments"] == 1 and message.facts["encoding"] == "GSM-7"
    assert message.findings == []
    with pytest.raises(MsglintError, match="no value for topic, sender_name, company, slots"):
        pack.render("sms/missed-call", "en", {"name": "Priya"})
    findings = check("안녕하세요, 계약 진행 어떠신가요?", channel="sms", locale="ko")
    assert [f.rule for f in findings] == ["generic-phrase"] and isinstance(findings[0], Finding)
    assert pack.lint() and all(f.severity != "error" for f in pack.lint())
