"""Build the preview site: an index grouped by stage and channel, and one page per message with
every locale side by side. The pages are Jinja templates shipped with msglint; styles are inline
so the site opens from disk with no network."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape

from msglint import __version__, languages
from msglint.template import pack
from msglint.findings import count
from msglint.preview.highlight import CHANNEL_ICONS, ICONS, marked
from msglint.template.index import PackIndex
from msglint.checks.template import lint_template
from msglint.template.index import split_sequences
from msglint.sequence.cadence import build as build_cadence
from msglint.sequence.check import judge, prepare

STAGE_ORDER = ["inbound-response", "prospecting", "meeting-proposal", "meeting-reminder", "follow-up", "nurture",
               "graceful-exit", "offer"]


@dataclass
class Entry:
    template: object
    result: object
    with_lead: bool = False  # rendered with the lead's data (else with the template's sample)

    @property
    def message(self):
        return self.result.message


@dataclass
class Group:
    template_id: str
    stage: str
    channel: str
    description: str = ""
    entries: dict = field(default_factory=dict)  # locale -> Entry

    @property
    def page(self) -> str:
        return page_name(self.template_id)


def page_name(template_id: str) -> str:
    """The file a message's page is written to: prefixed, so no template (say, one named
    ``index``) can overwrite the catalogue."""
    return "msg-" + template_id.replace("/", "--") + ".html"


def href(name: str) -> str:
    """A link to a page of the site: percent-encoded, so a folder named ``javascript:…`` is a
    relative file name, never a scheme."""
    return quote(name, safe="")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("msglint.preview", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    env.globals.update(icons=ICONS, channel_icons=CHANNEL_ICONS, version=__version__, marked=marked)
    env.filters["href"] = href
    env.filters["first_line"] = lambda text: next((line for line in (text or "").splitlines() if line.strip()), "")
    return env


_HANGUL = re.compile("[가-힣]")


def lead_for(data: dict | None, locale: str) -> dict | None:
    """The lead's values for one locale's column, or None where the column shows the sample.

    A lead file may give each locale its own values (``ko: {...}``, ``en: {...}``); a single lead
    belongs to its ``locale:`` (or to ko when its values are written in Hangul), so a Korean
    lead's name never lands in the English message."""
    if not data:
        return None
    nested = {k: v for k, v in data.items() if isinstance(v, dict) and pack.known_locale(str(k))}
    if nested:
        return nested.get(locale) or None
    own = data.get("locale") or ("ko" if any(_HANGUL.search(str(v)) for v in data.values()) else None)
    if own is not None and languages.primary(own) != languages.primary(locale):
        return None
    return {k: v for k, v in data.items() if k != "locale"}


def collect(paths, ruleset, data: dict | None = None) -> list[Group]:
    index = PackIndex(ruleset.config.stages)
    groups: dict[str, Group] = {}
    for path, root in pack.discover(paths):
        template = index.load(path, root)
        lead = lead_for(data, template.locale)
        result = lint_template(template, ruleset, index, lead)
        meta = template.meta
        group = groups.setdefault(template.id, Group(template.id, meta.stage if meta else "?",
                                                     template.channel or "?"))
        if meta and (meta.description and (not group.description or template.locale == "en")):
            group.description = meta.description
        group.entries[template.locale] = Entry(template, result, with_lead=lead is not None)
    order = {stage: i for i, stage in enumerate(STAGE_ORDER)}
    return sorted(groups.values(), key=lambda g: (order.get(g.stage, len(order)), g.stage, g.channel, g.template_id))


def build(paths, ruleset, data: dict | None = None) -> dict[str, str]:
    """Every page of the site: file name -> HTML."""
    groups = collect(paths, ruleset, data)
    env = _environment()
    locales = sorted({locale for g in groups for locale in g.entries})
    by_stage: dict[str, list] = {}
    for g in groups:
        by_stage.setdefault(g.stage, []).append(g)
    findings = [f for g in groups for e in g.entries.values() for f in e.result.findings]
    pages = {}
    message_page = env.get_template("message.html")
    for g in groups:
        pages[g.page] = message_page.render(group=g, locales=locales, count=count, lead=bool(data))
    timelines = sequence_timelines(paths, ruleset, {g.template_id for g in groups})
    sequence_page = env.get_template("sequence.html")
    for timeline in timelines:
        pages[timeline.page] = sequence_page.render(timeline=timeline, count=count)
    pages["index.html"] = env.get_template("index.html").render(
        by_stage=by_stage, locales=locales, summary=count(findings), lead=bool(data), count=count,
        timelines=timelines)
    return pages


@dataclass
class Timeline:
    name: str
    path: str
    description: str
    trigger: str | None
    audience: str
    days: list  # [(label, [Point ...])] in order
    findings: list  # the sequence's findings
    by_step: dict  # step number -> findings on that step's lines

    file_stem: str = ""

    @property
    def page(self) -> str:
        # From the file's name, never from its contents: a 'name: ../x' must not write outside the site.
        return "seq-" + re.sub(r"[^\w.-]", "-", self.file_stem).lstrip(".") + ".html"


def sequence_timelines(paths, ruleset, pages_for: set) -> list[Timeline]:
    """One timeline per sequence beside the pack: days across, a step's channel and template in
    its day, the findings on its lines."""
    index = PackIndex(ruleset.config.stages)
    out = []
    for path, root in split_sequences(paths)[1]:
        sequence, templates = prepare(path, index, root)
        result = judge(sequence, templates, ruleset)
        cadence = build_cadence(sequence, templates if not sequence.problems else {})
        lines = {step.number: step.line for step in sequence.steps}
        ends = {number: next((line for n, line in sorted(lines.items()) if n > number), 10 ** 9)
                for number in lines}
        by_step = {number: [f for f in result.findings if lines[number] <= (f.line or 0) < ends[number]]
                   for number in lines}
        days: dict = {}
        for point in cadence.points:
            low, high = point.low.days, point.high.days
            label = f"{low}" if low == high else f"{low}–{high}"
            point.page = page_name(point.step.template) if point.step.template in pages_for else None
            days.setdefault((low, high, label), []).append(point)
        out.append(Timeline(sequence.name, sequence.display, sequence.description, sequence.trigger,
                            sequence.audience, [(label, points) for (_lo, _hi, label), points in sorted(days.items())],
                            result.findings, by_step, file_stem=path.stem))
    return out
