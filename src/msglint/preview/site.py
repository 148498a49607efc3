"""Build the preview site: an index grouped by stage and channel, and one page per message with
every locale side by side. The pages are Jinja templates shipped with msglint; styles are inline
so the site opens from disk with no network."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from msglint import __version__, pack
from msglint.findings import count
from msglint.preview.highlight import ICONS, marked
from msglint.runner import PackIndex, lint_template

STAGE_ORDER = ["inbound-response", "prospecting", "meeting-proposal", "meeting-reminder", "follow-up", "nurture",
               "graceful-exit", "offer"]


@dataclass
class Entry:
    template: object
    result: object

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
    return template_id.replace("/", "--") + ".html"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("msglint.preview", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    env.globals.update(icons=ICONS, version=__version__, marked=marked)
    env.filters["first_line"] = lambda text: next((line for line in (text or "").splitlines() if line.strip()), "")
    return env


def collect(paths, ruleset, data: dict | None = None) -> list[Group]:
    index = PackIndex()
    groups: dict[str, Group] = {}
    for path, root in pack.discover(paths):
        template = index.load(path, root)
        result = lint_template(template, ruleset, index, data or None)
        meta = template.meta
        group = groups.setdefault(template.id, Group(template.id, meta.stage if meta else "?",
                                                     template.channel or "?"))
        if meta and (meta.description and (not group.description or template.locale == "en")):
            group.description = meta.description
        group.entries[template.locale] = Entry(template, result)
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
    pages = {"index.html": env.get_template("index.html").render(
        by_stage=by_stage, locales=locales, summary=count(findings), lead=bool(data), count=count)}
    message_page = env.get_template("message.html")
    for g in groups:
        pages[g.page] = message_page.render(group=g, locales=locales, count=count, lead=bool(data))
    return pages
