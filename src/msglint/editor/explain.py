"""A finding's rule explained on hover: what ``msglint explain RULE`` says, as Markdown, in the
reader's language."""

from __future__ import annotations

from msglint import i18n
from msglint.report.explain import LABELS, as_data, measurement
from msglint.i18n import _


def _label(key: str) -> str:
    return str(_(LABELS[key]))


def hover_text(ruleset, finding, language: str) -> str:
    with i18n.reading(language):
        data = as_data(ruleset, finding.rule) if finding.rule in ruleset.known_ids else None
        out = [f"**{finding.rule}** · {finding.severity}", "", finding.message]
        if finding.suggestion:
            out += ["", f"→ {finding.suggestion}"]
        if data is None:
            return "\n".join(out)
        if data["description"]:
            out += ["", f"_{data['description']}_"]
        # The variant that fired: the rule's text for this channel and language (ad-marker for a 친구톡
        # is not the one for an email).
        language_of = i18n.language_of(finding.locale) or ""
        fits = [v for v in data["variants"] if (not v["channels"] or finding.channel in v["channels"])
                and (not v["locales"] or language_of in v["locales"])]
        variant = next(iter(fits or data["variants"]), None)
        if variant and variant["source"]:
            out += ["", f"{_label('why')}: {variant['source']}"]
        if variant and variant["fix"]:
            out += ["", f"{_label('fix')}: {variant['fix']}"]
        if variant and variant["measured"]:
            out += ["", f"{_label('measured')}: {measurement(variant['measured'])}"]
        out += ["", f"{_label('silence')}: `{data['silence']['line']}`"]
        return "\n".join(str(part) for part in out)
