"""Patterns and rule files kept per machine: what comes back from disk is exactly what compiling
or parsing again would give; a damaged, foreign or stale entry is never used; a project cannot
plant entries (they live in the user's cache folder)."""

import json
import re
from pathlib import Path

import pytest

from conftest import corpus_texts
from msglint.support import machine_cache
from msglint.config import Config
from msglint.checks.engine import build_ruleset


@pytest.fixture(autouse=True)
def fresh_process():
    machine_cache._seen.clear()  # each test reads the disk as a new run would


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MSGLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("MSGLINT_NO_CACHE", raising=False)
    return tmp_path


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "re").rglob("*.json"))


def test_every_shipped_pattern_from_the_cache_matches_as_re_compiles_it(cache):
    first = build_ruleset(Config())
    for rule in first.rules:
        rule.compiled  # noqa: B018 - fills the cache
    assert len(_entries(cache)) > 50
    machine_cache._seen.clear()
    again = build_ruleset(Config())  # a second run: every pattern comes from disk
    texts = corpus_texts()
    checked = 0
    for rule in again.rules:
        compiled = rule.compiled
        pattern = compiled[0] if isinstance(compiled, tuple) else compiled
        if not isinstance(pattern, re.Pattern):
            continue
        fresh = re.compile(pattern.pattern, pattern.flags)
        assert pattern.groupindex == fresh.groupindex and pattern.groups == fresh.groups
        for text in texts:
            assert [(m.span(), m.lastgroup) for m in pattern.finditer(text)] == \
                   [(m.span(), m.lastgroup) for m in fresh.finditer(text)], (rule.id, text)
        checked += 1
    assert checked > 20


def test_a_damaged_entry_is_compiled_again_and_replaced(cache):
    source = r"(?i)\bfollow(?:ing)? up\b"
    machine_cache.compile(source)
    (entry,) = _entries(cache)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["code"] = "AAAA"  # code the engine must refuse
    entry.write_text(json.dumps(data), encoding="utf-8")
    machine_cache._seen.clear()
    pattern = machine_cache.compile(source)
    assert pattern.search("Just Following Up on this") is not None
    assert json.loads(entry.read_text(encoding="utf-8"))["code"] != "AAAA"
    from array import array

    data["code"] = array("I", range(1, 40)).tobytes().hex()  # whole words, no sense
    entry.write_text(json.dumps(data), encoding="utf-8")
    machine_cache._seen.clear()
    assert machine_cache.compile(source).search("following up") is not None
    entry.write_text("{not json", encoding="utf-8")
    machine_cache._seen.clear()
    assert machine_cache.compile(source).search("follow up") is not None


def test_an_entry_for_another_pattern_under_the_same_name_is_not_used(cache):
    machine_cache.compile("apple")
    (entry,) = _entries(cache)
    other = json.loads(entry.read_text(encoding="utf-8"))
    other["source"] = "banana"
    entry.write_text(json.dumps(other), encoding="utf-8")
    machine_cache._seen.clear()
    assert machine_cache.compile("apple").pattern == "apple"
    assert machine_cache.compile("apple").search("an apple") is not None


def test_no_cache_means_no_files(tmp_path, monkeypatch):
    monkeypatch.setenv("MSGLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("MSGLINT_NO_CACHE", "1")
    assert machine_cache.compile("x+").fullmatch("xxx")
    assert machine_cache.remembered("t", "key", lambda: [1, 2]) == [1, 2]
    assert not list(tmp_path.rglob("*"))


def test_the_default_folder_is_the_users_not_the_projects(monkeypatch, tmp_path):
    monkeypatch.delenv("MSGLINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("MSGLINT_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    machine_cache.compile("planted?")
    assert list((tmp_path / "xdg" / "msglint").rglob("*.json"))
    assert not (tmp_path / ".msglint_cache").exists()


def test_a_value_json_would_change_is_returned_but_not_kept(cache):
    import datetime as dt

    assert machine_cache.remembered("t", "dates", lambda: {"on": dt.date(2026, 11, 24)}) == {"on": dt.date(2026, 11, 24)}
    assert machine_cache.remembered("t", "ints", lambda: {1: "one"}) == {1: "one"}
    assert not _entries(cache)
    assert machine_cache.remembered("t", "plain", lambda: {"a": [1, "b", None, True]}) == {"a": [1, "b", None, True]}
    assert machine_cache.remembered("t", "plain", lambda: pytest.fail("read from disk, not computed")) == \
           {"a": [1, "b", None, True]}


def test_an_edited_rule_file_is_parsed_again(cache, tmp_path):
    from msglint.checks.rulebook import load_file

    rule_file = tmp_path / "team.yaml"
    body = ("rules:\n  - id: no-{word}\n    kind: pattern\n    severity: warning\n    message: no {word}\n"
            "    source: team style guide\n    patterns: ['{word}']\n")
    rule_file.write_text(body.format(word="synergy"), encoding="utf-8")
    assert [r.id for r in load_file(rule_file)[0]] == ["no-synergy"]
    rule_file.write_text(body.format(word="leverage"), encoding="utf-8")
    assert [r.id for r in load_file(rule_file)[0]] == ["no-leverage"]



def test_without_a_home_folder_nothing_is_written_here(monkeypatch, tmp_path):
    monkeypatch.delenv("MSGLINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", "")
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: Path("~")))
    monkeypatch.chdir(tmp_path)
    assert machine_cache.compile("a+b").search("xaab")
    assert not list(tmp_path.iterdir())


def test_a_tuple_is_kept_and_comes_back_as_a_list(cache):
    assert machine_cache.remembered("t", "pair", lambda: (["a", "b"], True)) == (["a", "b"], True)
    assert machine_cache.remembered("t", "pair", lambda: pytest.fail("computed again")) == [["a", "b"], True]


def test_a_pattern_kept_under_a_name_comes_back_without_its_text_being_made_again(cache):
    made = []

    def source():
        made.append(1)
        return r"(?<!\w)(?:just checking in|touch base)\b"

    first = machine_cache.compile_named("cut-test", "rule-a\0" + "10", source, re.IGNORECASE)
    machine_cache._seen.clear()
    again = machine_cache.compile_named("cut-test", "rule-a\0" + "10", source, re.IGNORECASE)
    assert made == [1]  # the second run read text and code from the one entry
    assert again.pattern == first.pattern and again.flags == first.flags
    assert [m.span() for m in again.finditer("Just checking in to touch base.")] == [(0, 16), (20, 30)]


def test_an_entry_kept_for_another_name_is_not_trusted(cache):
    machine_cache.compile_named("cut-test", "rule-a", lambda: "alpha")
    (entry,) = _entries(cache)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["key"] = "rule-b"  # as if two names shared a hash
    entry.write_text(json.dumps(data), encoding="utf-8")
    machine_cache._seen.clear()
    assert machine_cache.compile_named("cut-test", "rule-a", lambda: "beta").pattern == "beta"
