"""``msglint check`` over many files on several cores: the report of one process, in the order the
files were named; an unreadable file is named as on one core; a worker that fails or dies ends
the run with an error, never a wait."""

import json
import os
import signal

import pytest

from msglint.check_files import PARALLEL_MIN, WorkerDied, check_files

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
    from msglint import check_files as module

    def no_fork(check_one, share):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(module, "_fork", no_fork)
    names = [f"n{i}" for i in range(PARALLEL_MIN * 2)]
    results = check_files(names, _Result, jobs=3)
    assert [r.name for r in results] == names and all(r.message is not None for r in results)
