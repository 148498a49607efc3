"""A cache a pull request cannot forge: every entry is signed with a key kept in the user's own
cache folder, outside any project, so an entry edited by hand or written on another machine is
worked out again; the cache folder keeps itself out of git."""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import SMS_FRONT, write_template

from msglint.checks.engine import build_ruleset
from msglint.config import Config
from msglint.run.lint import lint_paths
from msglint.run.result_cache import ResultCache
from msglint.support import cache_dir


@pytest.fixture
def project(tmp_path, monkeypatch):
    write_template(tmp_path, "en/sms/hello.txt.j2", SMS_FRONT, "Hi {{ name }}, [First Name] asked about {{ topic }}.\n")
    monkeypatch.setenv("MSGLINT_CACHE_DIR", str(tmp_path / ".msglint_cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))  # this machine's key lives here
    monkeypatch.delenv("MSGLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(cache_dir, "_turned_off", False)
    cache_dir._key.cache_clear()
    yield tmp_path
    cache_dir._key.cache_clear()


def _errors(project) -> int:
    config = Config()
    cache = ResultCache.for_run([], None)
    report = lint_paths([str(project / "templates")], lambda: build_ruleset(config), cache, config=config)
    return report.summary()["errors"]


def _entries(project):
    return sorted((project / ".msglint_cache" / "results").rglob("*.json"))


def test_an_entry_edited_to_say_clean_is_not_believed(project):
    assert _errors(project) == 1
    (entry,) = _entries(project)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["result"]["findings"] = []
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert _errors(project) == 1  # recomputed, not read


def test_entries_written_with_another_key_are_not_believed(project, monkeypatch):
    assert _errors(project) == 1
    (entry,) = _entries(project)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["result"]["findings"] = []
    # The forger signs with a key of their own, as a pull request's committed cache would be.
    monkeypatch.setenv("XDG_CACHE_HOME", str(project / "forger"))
    cache_dir._key.cache_clear()
    payload = entry.name[:-5].encode() + b"\0" + json.dumps(data["result"], ensure_ascii=False, sort_keys=True).encode()
    data["mac"] = cache_dir.sign(payload)
    entry.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(project / "home-cache"))
    cache_dir._key.cache_clear()
    assert _errors(project) == 1


def test_an_untouched_entry_is_read_back(project, monkeypatch):
    assert _errors(project) == 1
    calls = []
    monkeypatch.setattr("msglint.run.lint.lint_template", lambda *a, **k: calls.append(a) or None)
    assert _errors(project) == 1 and calls == []  # a warm run renders nothing


def test_the_cache_folder_keeps_itself_out_of_git(project):
    _errors(project)
    ignore = project / ".msglint_cache" / ".gitignore"
    assert ignore.read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_a_planted_korean_analysis_is_not_believed(project):
    from msglint.korean import morph

    folder = project / ".msglint_cache"
    cache = morph._Cache(folder)
    key = morph._key("김민수 님, 안녕하세요.")
    cache.put_many({key: json.dumps([["김민수 님, 안녕하세요.", 0, 12, [], False]])})
    assert cache.get_many([key])  # ours: read back
    db = sqlite3.connect(folder / "korean.sqlite3")
    value = db.execute("SELECT value FROM lines WHERE key = ?", (key,)).fetchone()[0]
    mac, _tab, body = value.partition("\t")
    db.execute("UPDATE lines SET value = ? WHERE key = ?", (f"{mac}\t" + body.replace("12", "11"), key))
    db.commit()
    assert cache.get_many([key]) == {}
