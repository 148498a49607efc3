"""``msglint check`` over many files on several cores: the report of one process, in the order the
files were named; an unreadable file is named as on one core; a worker that fails or dies ends
the run with an error, never a wait."""

import json
import os
import signal

import pytest

from msglint.run.files import PARALLEL_MIN, WorkerDied, check_files

LINES = ["Hi Priya, just checking in on the CRM rollout.", "Hi Daniel, the quote for 40 seats is attached.",
         "ACT NOW!!! Limited time offer, click here.", "Hi Sam, I hope this email finds you well.",
         "Thanks for the call today; the notes are below."]


def _messages(folder, count):
    names = []
    for i in range(count):
        name = folder / f"m{i:04d}.txt"
        name.write_text(f"{LINES[i % len(LINES)]} (ref {i})\n", encoding="utf-8")
        names.append(name.name)
    return names


def test_several_processes_give_the_report_of_one(cli, tmp_path):
    names = _messages(tmp_path, PARALLEL_MIN + 57)
    one = cli("check", *names, "--channel", "sms", "--locale", "en", "--format", "json", "--jobs", "1")
    three = cli("check", *names, "--channel", "sms", "--locale", "en", "--format", "json", "--jobs", "3")
    assert one.returncode == three.returncode == 0, three.err
    assert one.out == three.out
    report = json.loads(three.out)
    assert [m["path"] for m in report["messages"]] == names
    assert report["summary"]["warnings"] >= (PARALLEL_MIN + 57) // len(LINES) * 2


def test_a_report_written_out_by_each_process_is_the_one_report(cli, tmp_path):
    names = _messages(tmp_path, PARALLEL_MIN + 57)
    (tmp_path / names[7]).write_text("Hi {{ first_name }}, the quote is attached.\n", encoding="utf-8")
    runs = [cli("check", *names, "--channel", "sms", "--locale", "en", "--format", "json", "--jobs", jobs)
            for jobs in ("1", "2")]
    assert [run.returncode for run in runs] == [1, 1]  # the placeholder is an error, wherever it was found
    assert runs[0].out == runs[1].out
    report = json.loads(runs[1].out)
    assert report["summary"]["errors"] == 1 and len(report["messages"]) == len(names)
    assert report["messages"][7]["findings"][0]["rule"] == "unfilled-placeholder"


def test_shares_encoded_apart_give_the_bytes_of_the_whole_report():
    import io

    from msglint.config import Config
    from msglint.checks.engine import build_ruleset
    from msglint.report.json_format import encode_share, write, write_shares
    from msglint.results import Report
    from msglint.checks.text import check_text

    ruleset = build_ruleset(Config())
    results = [check_text(text, ruleset, channel="sms", locale="en", path=f"m{i}.txt")
               for i, text in enumerate([*LINES, "Hi {{ first_name }}, “quoted” 안녕하세요."])]
    whole, parts = io.StringIO(), io.StringIO()
    write(Report(results), whole, kind="check")
    summary = write_shares([encode_share(results[:2]), encode_share([]), encode_share(results[2:])], parts)
    assert parts.getvalue() == whole.getvalue()
    assert summary == Report(results).summary() and summary["errors"] == 1


def test_a_file_name_that_is_not_utf8_is_reported_in_valid_json(cli, tmp_path):
    odd = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes on disk: not UTF-8
    (tmp_path / odd).write_text("Hi Priya, just checking in.\n", encoding="utf-8")
    (tmp_path / "plain.txt").write_text("Hi Daniel, the quote is attached.\n", encoding="utf-8")
    proc = cli("check", odd, "plain.txt", "--channel", "sms", "--locale", "en", "--format", "json")
    assert proc.returncode == 0, proc.err
    report = json.loads(proc.out)
    assert [m["path"] for m in report["messages"]] == [odd, "plain.txt"]


def test_each_share_is_encoded_by_the_process_that_checked_it():
    names = [f"n{i}" for i in range(PARALLEL_MIN * 2 + 1)]
    parts = check_files(names, _Result, jobs=3, encode=lambda results: (os.getpid(), [r.name for r in results]))
    assert [name for _pid, share in parts for name in share] == names
    pids = [pid for pid, _share in parts]
    assert pids[0] == os.getpid() and len(set(pids)) == 3
    assert check_files(names[:5], _Result, jobs=3, encode=lambda results: len(results)) == [5]  # few: one share


def test_an_unreadable_file_in_a_later_share_is_named(cli, tmp_path):
    names = _messages(tmp_path, PARALLEL_MIN + 10)
    (tmp_path / names[-3]).write_bytes(b"\xff\xfe not utf-8")
    proc = cli("check", *names, "--channel", "sms", "--locale", "en", "--jobs", "2")
    assert proc.returncode == 2 and f"{names[-3]}: not UTF-8 text" in proc.err and "Traceback" not in proc.err


def test_results_come_back_in_order_and_every_file_is_accounted_for():
    names = [f"n{i}" for i in range(PARALLEL_MIN * 2 + 1)]
    results = check_files(names, _Result, jobs=4)
    assert [r.name for r in results] == names
    assert all(r.message is None for r in results[-PARALLEL_MIN:])  # from a worker: text left there
    assert results[0].message == "text of n0"  # checked here


def test_a_failing_worker_raises_its_own_error():
    with pytest.raises(ValueError, match="n399 is broken"):
        check_files([f"n{i}" for i in range(PARALLEL_MIN * 2)], _failing_at("n399"), jobs=2)


def test_a_worker_that_dies_is_reported_not_waited_for():
    parent = os.getpid()

    def dies(name):
        if name == "n300" and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return _Result(name)

    with pytest.raises(WorkerDied):
        check_files([f"n{i}" for i in range(PARALLEL_MIN * 2)], dies, jobs=2)


class _Result:
    def __init__(self, name):
        self.name, self.message = name, f"text of {name}"


def _failing_at(bad):
    def check(name):
        if name == bad:
            raise ValueError(f"{name} is broken")
        return _Result(name)
    return check


def test_without_a_process_to_spare_the_run_checks_everything_itself(monkeypatch):
    from msglint.support import pool as module

    def no_fork(check_one, share, finish):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(module, "_fork", no_fork)
    names = [f"n{i}" for i in range(PARALLEL_MIN * 2)]
    results = check_files(names, _Result, jobs=3)
    assert [r.name for r in results] == names and all(r.message is not None for r in results)
