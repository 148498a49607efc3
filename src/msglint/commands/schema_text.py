"""What each key of a hand-written file means, shown by an editor on hover: one place, added to
the schemas ``msglint schema`` prints (a key a schema already describes keeps its own text)."""

from __future__ import annotations

DESCRIPTIONS = {
    "front-matter": {
        "channel": "how the message goes out: sms, voicemail, email, call-script, alimtalk, friendtalk; matches the folder",
        "audience": "b2b (a business lead) or b2c (a consumer); a sequence sends only templates for its audience",
        "register": "formal, neutral or casual: how the greeting and the speech level are checked",
        "description": "one line shown by msglint templates and the preview",
        "variables": "each value the message takes from the lead's data, with its type, length and examples",
        "variables[].required": "a lead without this value fails before anything is sent",
        "variables[].type": "string, number, date, datetime, datetime-list, list, url, phone or email",
        "variables[].description": "what the value is, for whoever fills the lead data",
        "variables[].max_length": "the longest value allowed; lengths are checked with it (SMS bytes, Kakao characters)",
        "variables[].examples": "real values; the message is rendered and checked with each",
        "sample": "a value for every required variable: what lint and the preview render",
        "buttons[].type": "Kakao's button type: WL (web link), AL (app link), DS, BK, MD, BC, BT, AC, BF, TN, P1–P3",
        "buttons[].url": "the link a WL button opens (https://…); may hold variables",
        "review.code": "the template code your provider gave when Kakao approved it",
        "review.digest": "what Kakao approved, as msglint lint prints it; a changed text no longer matches",
    },
    "sequence": {
        "name": "the sequence's name (its file name is used when absent)",
        "description": "one line on whom it is for and what it does",
        "trigger": "what starts it: inquiry, consultation, meeting-booked, proposal-sent, closed-won, cold",
        "audience": "b2b or b2c: the templates it sends must be written for the same",
        "pace": "standard, busy (2–3 week gaps) or engaged (2–3 days): which follow-up gaps the rules expect",
        "locales": "the languages it is sent in; every template it names must exist in each",
        "provides": "the variables the CRM fills for every lead of this sequence",
        "steps": "what happens, in order: send a message, call, or leave a voicemail",
        "steps[].after": "how long after the step before (5m, 2h, 1d, 1w, or a range such as 3-5d)",
        "steps[].send": "the template a text or an email step sends, e.g. sms/missed-call",
        "steps[].voicemail": "the voicemail left when the call before it was not answered",
        "steps[].call": "a call, with a note on its purpose",
        "steps[].script": "the call script read when the call connects, e.g. call-script/discovery",
        "steps[].if": "when the step happens: always, no-answer, answered, no-reply, after-hours",
        "steps[].at": "a clock time (10:00) or morning, afternoon, another-time-of-day",
        "steps[].note": "a remark for people; msglint does not read it",
    },
    "rules": {
        "rules": "the rules of this file",
        "rules[].id": "the id findings, suppressions and the config use; variants of one rule share it",
        "rules[].kind": "what checks it (msglint rules lists the kinds); its own fields follow",
        "rules[].severity": "error (fails CI), warning or info",
        "rules[].message": "what a finding says; {match} and the kind's fields fill in; en and ko",
        "rules[].suggestion": "what to do instead; en and ko",
        "rules[].description": "one line on what the rule checks",
        "rules[].link": "where to read more",
        "rules[].cite": "findings carry the rule's source (a law rule's article)",
        "rules[].channels": "the channels it checks (all when absent)",
        "rules[].locales": "the languages it checks (all when absent)",
        "rules[].purposes": "transactional and/or advertising",
        "rules[].audiences": "b2b and/or b2c",
        "rules[].stages": "the sales stages it checks",
        "rules[].not_stages": "stages it leaves alone",
        "rules[].registers": "formal, neutral and/or casual",
        "rules[].scope": "what it reads: body, subject or all",
        "rules[].examples": "texts it must fire on and pass (msglint rules --test runs them)",
        "rules[].examples.fire": "texts or templates it must report",
        "rules[].examples.pass": "texts or templates it must leave alone",
        "rules[].examples.fix": "a text before and after its fix",
        "rules[].fix.safety": "safe (msglint fix applies it) or unsafe (only with --unsafe: it changes the wording)",
        "rules[].fix.replace": "the text that replaces what was found",
        "rules[].fix.delete": "what was found is deleted",
        "rules[].fix.sub": "a regular-expression substitution on what was found",
        "rules[].fix.insert": "a line added at the start or end of the message",
        "rules[].fix.insert.at": "start or end",
        "rules[].fix.insert.text": "the line, which may use the template's variables",
        "rules[].measured": "how the rule did on real text nobody here wrote (bench/accuracy.py)",
        "rules[].measured.precision": "share of its findings that were right",
        "rules[].measured.recall": "share of the real problems it found",
        "rules[].measured.findings": "how many findings that was",
        "rules[].measured.corpus": "the real messages it was measured on",
        "rules[].measured.date": "when",
        "settings": "settings the rule kinds share: speech rates, the schedule's policy",
        "cite": "every finding of this file carries its rule's source",
    },
}


def properties(schema: dict):
    """Every property of ``schema``, nested ones too, as (path, its schema): "steps[].after"."""
    def walk(node, path):
        if not isinstance(node, dict):
            return
        for key, value in (node.get("properties") or {}).items():
            where = f"{path}.{key}" if path else key
            if isinstance(value, dict):
                yield where, value
                yield from walk(value, where)
        for key in ("items", "additionalProperties"):
            child = node.get(key)
            if isinstance(child, dict):
                yield from walk(child, f"{path}[]")
                for option in child.get("oneOf", []):
                    yield from walk(option, f"{path}[]")
        for option in node.get("oneOf", []) + node.get("anyOf", []):
            yield from walk(option, path)

    yield from walk(schema, "")


def describe(name: str, schema: dict) -> dict:
    """``schema`` with the descriptions above added where it has none."""
    table = DESCRIPTIONS.get(name, {})
    for path, node in properties(schema):
        if "description" not in node and path in table:
            node["description"] = table[path]
    return schema
