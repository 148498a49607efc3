"""The Korean shortcut (a line with the lead's name is analysed once, with a stand-in name) gives
exactly the findings of analysing every line as it is: on the shipped pack, on the Korean
corpora, and on a batch of names Kiwi reads in different ways."""

import json

import pytest

from conftest import REPO

NAMES = ["김민수", "남궁민수아", "윤하린", "하은", "이수빈", "박서준", "최윤아", "서민재", "정다은", "오승훈", "배수지",
         "임채원", "제갈현", "황보민", "선우진", "강철", "조은별", "민", "송지우", "윤서아", "권태오", "예린", "한결",
         "나래", "Jessica", "Daniel", "John", "Sara", "Kim", "김철수"]
TEMPLATES = ["sms/missed-call", "voicemail/first-attempt", "email/graceful-exit", "sms/value-nudge"]


def _without(cli, *args, **kwargs):
    # msglint reads MSGLINT_NO_SHORTCUT when it is imported: only a new process sees it.
    return cli(*args, env={"MSGLINT_NO_SHORTCUT": "1"}, process=True, **kwargs)


@pytest.mark.slow  # the whole shipped pack, once in a process of its own
def test_the_shipped_pack_lints_the_same_with_and_without_the_shortcut(cli):
    fast = cli("lint", "--no-cache", "--format", "json", cwd=REPO)
    slow = _without(cli, "lint", "--no-cache", "--format", "json", cwd=REPO)
    assert json.loads(fast.out) == json.loads(slow.out)


# One template in the quick suite; every one of them in the whole suite (CI).
@pytest.mark.parametrize("template", [pytest.param(t, marks=() if i == 0 else pytest.mark.slow)
                                      for i, t in enumerate(TEMPLATES)])
def test_a_batch_of_names_renders_the_same_findings(cli, tmp_path, template):
    from msglint.template.frontmatter import split

    sample = {}
    for path in (REPO / "templates" / "ko").rglob("*.j2"):
        sample.update(split(path.read_text(encoding="utf-8")).meta.get("sample") or {})
    leads = tmp_path / "leads.jsonl"
    leads.write_text("".join(json.dumps({**sample, "name": n}, ensure_ascii=False, default=str) + "\n" for n in NAMES),
                     encoding="utf-8")
    outputs = []
    for env in ({}, {"MSGLINT_NO_SHORTCUT": "1"}):
        out = tmp_path / f"out-{len(outputs)}.jsonl"
        # MSGLINT_NO_SHORTCUT is read when msglint is imported: only a new process sees it.
        proc = cli("render", template, "--locale", "ko", "--templates", REPO / "templates", "--data", leads,
                   "--out", out, "--jobs", "1", env=env, process=bool(env))
        assert proc.returncode in (0, 1), proc.err
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]


def test_a_name_kiwi_splits_is_still_called_correctly(cli, tmp_path):
    # "하은" alone is read as 하/IC + 은/JX: with the stand-in the template's "{{ name }} 님" is one name.
    leads = tmp_path / "leads.jsonl"
    leads.write_text(json.dumps({"name": "하은", "topic": "CRM 도입", "sender_name": "박지은", "company": "리드웨이",
                                 "slots": ["2026-11-24T14:30:00+09:00"]}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    cli("render", "sms/missed-call", "--locale", "ko", "--templates", REPO / "templates", "--data", leads, "--out", out)
    line = json.loads(out.read_text(encoding="utf-8"))
    assert line["body"].startswith("하은 님,") and not [f for f in line["findings"] if f["rule"].startswith("ko-")]


def test_a_token_memo_never_answers_for_equal_tokens_of_another_analysis():
    from msglint.korean.memo import TokenMemo
    from msglint.korean.morph import Token

    memo, calls = TokenMemo(size=2), []
    first = (Token("김민준", "NNP", 0, 3), Token("님", "XSN", 4, 5))
    again = tuple(Token(t.form, t.tag, t.start, t.end) for t in first)  # equal, not the same analysis
    assert memo.get(first, None, lambda: calls.append(1) or "a") == "a"
    assert memo.get(first, None, lambda: calls.append(1) or "b") == "a"  # the same tuple: remembered
    assert memo.get(again, None, lambda: calls.append(1) or "c") == "c"
    assert memo.get(first, True, lambda: calls.append(1) or "d") == "d"  # another question about it
    assert len(calls) == 3
    import pickle

    assert pickle.loads(pickle.dumps(memo)).get(first, None, lambda: "fresh") == "fresh"  # travels empty
