"""The path from template to findings: load, render, check, place, filter.

``lint_paths`` runs a pack; ``render_message`` renders one template for one lead.
"""

from __future__ import annotations

from pathlib import Path

from msglint import i18n
from msglint.template import pack
from msglint.render.lead_data import coerce, to_datetime, worst_case
from msglint.checks.engine import Ruleset, check_message, keep, template_finding
from msglint.errors import DataError, MsglintError
from msglint.i18n import _
from msglint.checks.kinds import Hit, get_kind
from msglint.message import Message
from msglint.results import Report, Result

RENDER_KINDS = {"syntax": "template-syntax", "undefined": "template-render", "unsafe": "template-unsafe",
                "limit": "template-render", "runtime": "template-render"}


class PackIndex:
    """Every template of the packs being linted, loaded once, for cross-locale checks."""

    def __init__(self, stages=None):
        self._stages = stages  # the config's stages when it declares more than msglint's
        self._templates: dict[Path, pack.Template] = {}
        self._ids: dict[Path, dict[str, dict[str, Path]]] = {}

    def load(self, path: Path, root: Path) -> pack.Template:
        if path not in self._templates:
            self._templates[path] = pack.load(path, root, self._stages)
        return self._templates[path]

    def _scan(self, root: Path) -> dict:
        if root not in self._ids:
            table: dict[str, dict[str, Path]] = {}
            for file in sorted(root.glob(f"*/*/**/*{pack.SUFFIX}")):
                relative = file.relative_to(root)
                if pack.known_locale(relative.parts[0]):
                    table.setdefault(relative.parts[0], {})[pack.template_id(relative)] = file
            self._ids[root] = table
        return self._ids[root]

    def locales(self, root: Path) -> list[str]:
        return sorted(self._scan(root))

    def file(self, root: Path, locale: str, template_id: str) -> Path | None:
        return self._scan(root).get(locale, {}).get(template_id)

    def get(self, root: Path, locale: str, template_id: str):
        file = self.file(root, locale, template_id)
        return None if file is None else self.load(file, root)


def render_message(template: pack.Template, data: dict, with_sample: bool = True) -> Message:
    """Render a loadable template for one lead. Raises RenderError or DataError.

    With ``with_sample`` the template's sample fills what ``data`` leaves out (lint, quick
    previews); a real lead's data stands alone, so a sample value never reaches a customer.
    """
    meta = template.meta
    values = coerce({**(meta.sample if with_sample else {}), **data}, meta.variables)
    if meta.timezone and "timezone" not in values:
        values["_timezone"] = meta.timezone
    body = template.body.render(values, template.locale)
    subject = template.subject.render(values, template.locale) if template.subject else None
    return Message(
        body=body.text, channel=meta.channel, locale=template.locale,
        subject=" ".join(subject.text.split()) if subject else None,
        purpose=meta.purpose, audience=meta.audience, stage=meta.stage, register=meta.register,
        send_at=_send_at(values), template=template.id, path=template.display,
        body_map=body.map, subject_map=subject.map if subject else None, html=body.html,
        name_variables=frozenset(n for n, v in meta.variables.items() if v.role == "name" or n == "name"),
    )


def _send_at(values: dict):
    """A lead's ``send_at``, read in the lead's ``timezone`` when it carries no offset of its own."""
    moment = values.get("send_at")
    if moment is None:
        return None
    from msglint.support.send_time import parse_send_at

    zone = values.get("timezone")
    if hasattr(moment, "tzinfo") and moment.tzinfo is not None and not zone:
        return moment
    try:
        return parse_send_at(moment, str(zone) if zone else None)
    except MsglintError as exc:
        raise DataError(f"send_at: {exc}") from None


def lint_template(template: pack.Template, ruleset: Ruleset, index: PackIndex, data=None,
                  with_sample: bool = True) -> Result:
    """Render and check one template; its findings speak its locale's language (or --lang's)."""
    with i18n.reading(template.locale):
        return _lint_template(template, ruleset, index, data, with_sample)


def _lint_template(template, ruleset, index, data, with_sample) -> Result:
    from msglint.render.jinja import RenderError

    findings = []
    message = None
    if template.renderable:
        try:
            message = render_message(template, data or {}, with_sample).measure(ruleset.settings)
            if not data:
                _add_worst_case(template, message, ruleset.settings)
                _check_time_formats(template, message)
        except RenderError as exc:
            template.problems.append(pack.Problem(RENDER_KINDS[exc.kind], _render_problem(exc, template),
                                                  exc.line or template.doc.body_line))
        except DataError as exc:
            line, column = template.doc.where("sample")
            reason = exc.args[0] if exc.args else ""
            said = _("lead data: {reason}", reason=reason) if data else _("sample data: {reason}", reason=reason)
            template.problems.append(pack.Problem("template-render", said, line, column))
    for rule_id, line, column, close in template.suppressions.unknown(ruleset.known_ids):
        hint = _(" (did you mean '{name}'?)", name=close) if close else ""
        problem = pack.Problem("suppression", _("'{rule}' is not a rule id{hint}, so this comment silences nothing; "
                                                "'msglint rules' lists the ids", rule=rule_id, hint=hint),
                               line, column, excerpt=rule_id)
        if problem not in template.problems:
            template.problems.append(problem)
    for rule in ruleset.by_level["template"]:
        if _applies(rule, template):
            for hit in get_kind(rule.kind).check_template(rule, template):
                findings.append(template_finding(ruleset, rule, hit, template))
    for rule in ruleset.by_level["pack"] if not template.misplaced else ():
        if _applies(rule, template):
            for hit in get_kind(rule.kind).check_pack(rule, template, index):
                findings.append(template_finding(ruleset, rule, hit, template))
    if message is not None:
        # A mistake seen in the source (``{{ name }}`` without 님) is also seen in the rendered
        # text; the source finding says more (it holds for every lead), so it is the one reported.
        seen_in_source = {(f.rule, f.line) for f in findings}
        findings.extend(f for f in check_message(ruleset, message) if (f.rule, f.line) not in seen_in_source)
        if not data:
            seen = {(f.rule, f.line, f.message) for f in findings} | {(r, ln, None) for r, ln in seen_in_source}
            findings.extend(_example_findings(template, ruleset, seen))
    return Result(
        findings=keep(ruleset, findings, template.display, template.suppressions),
        facts=message.facts if message else {}, template=template.id, path=template.display,
        locale=template.locale, channel=template.channel, message=message,
    )


def _example_findings(template, ruleset, seen: set) -> list:
    """Findings that only another example value brings out: a particle right after "견적서" and
    wrong after "CRM 도입", a greeting that breaks with a long name. Each variable's examples are
    rendered in turn (the rest from the sample); a finding new to a value names the value.
    Lengths are left to the worst case, which already measures the longest values."""
    from msglint.render.jinja import RenderError

    meta = template.meta
    metric_rules = {r.id for r in ruleset.rules if r.kind == "metric"}
    out = []
    for name, var in meta.variables.items():
        for example in var.examples:
            if example == meta.sample.get(name):
                continue
            try:
                message = render_message(template, {name: example}).measure(ruleset.settings)
            except (RenderError, DataError) as exc:
                line, column = template.doc.where("variables", name, "examples")
                rule = next(r for r in ruleset.rules if r.id == "template-render")
                problem = _("example {name} = “{example}” does not render: {reason}", name=name, example=example,
                            reason=exc.args[0] if exc.args else "")
                hit = Hit(line=line, column=column, values={"problem": problem})
                out.append(template_finding(ruleset, rule, hit, template))
                continue
            for f in check_message(ruleset, message):
                key = (f.rule, f.line, f.message)
                if f.rule in metric_rules or key in seen or (f.rule, f.line, None) in seen:
                    continue
                seen.add(key)
                f.message = f"{f.message} ({name} = “{example}”)"
                f.span = None  # its offsets are in the example's text, not the sample's
                out.append(f)
    return out


def _check_time_formats(template, message) -> None:
    """A date-time shown in a format that drops information: with the sample moved to :30, the
    message must change, or a 14:30 slot reaches the lead as "2시" / "2 PM"."""
    import datetime as dt

    from msglint.render.jinja import RenderError

    meta = template.meta
    for name, var in meta.variables.items():
        value = meta.sample.get(name)
        if var.type not in ("datetime", "datetime-list") or value in (None, ""):
            continue
        values = value if isinstance(value, list) else [value]
        try:
            moments = [to_datetime(v) for v in values]
        except ValueError:
            continue
        if not all(isinstance(m, dt.datetime) for m in moments):
            continue
        shifted = [m.replace(minute=30 if m.minute != 30 else 0) for m in moments]
        try:
            other = render_message(template, {name: shifted if isinstance(value, list) else shifted[0]})
        except (RenderError, DataError):  # the sample render reports any real problem
            continue
        if (other.body, other.subject) == (message.body, message.subject) and name in template.used_variables():
            line, column = template.doc.where("variables", name)
            template.problems.append(pack.Problem(
                "lossy-format", _("'{name}' is shown without its minutes: a {hour}:30 slot would read the same as "
                                  "{hour}:00; use the slot filter (오후 2시 30분 / 2:30 PM) or a format with minutes",
                                  name=name, hour=f"{moments[0]:%H}"),
                line, column, excerpt=name))


def _add_worst_case(template, message, settings) -> None:
    """Facts for the longest values the variables allow, where they differ from the sample's."""
    meta = template.meta
    data = worst_case(meta.variables, meta.sample)
    if data == meta.sample:
        return
    worst = render_message(template, data).measure(settings).facts
    changed = {k: v for k, v in worst.items() if v != message.facts.get(k)}
    if changed:
        message.facts["worst"] = changed


def _applies(rule, template) -> bool:
    meta = template.meta
    if meta is None:
        return rule.channels is None or template.channel in rule.channels
    return rule.applies_to(meta.channel, template.locale, meta.purpose, meta.audience, meta.stage, meta.register)


def _render_problem(exc: RenderError, template) -> str:
    if exc.kind == "undefined" and exc.variable:
        return _("variable '{name}' has no value in the sample: add it under 'sample:' (and declare it under "
                 "'variables:')", name=exc.variable)
    return exc.args[0] if exc.args else str(exc)


# Below this many templates to render, starting worker processes costs more than it saves
# (bench/compare.py measures it).
PARALLEL_MIN = 64


def lint_paths(paths, load_ruleset, cache=None, progress=None, jobs: int = 1, config=None) -> Report:
    """Lint every template under ``paths``. ``load_ruleset`` is called only if some template is
    not in ``cache``: a warm run of an unchanged pack neither loads rules nor renders."""
    index = PackIndex(config.stages if config is not None else None)
    paths, sequences = split_sequences(paths)
    entries = pack.discover(paths) if paths or not sequences else []
    results: list = [None] * len(entries)
    todo = []
    for position, (path, root) in enumerate(entries):
        key = cached = None
        if cache is not None:
            key = cache.key(*_dependencies(path, root, index))
            cached = Result.from_cache(cache.get(key))  # an unreadable entry is a miss, rebuilt below
        if cached is not None:
            results[position] = cached
            results[position].path = pack.display_path(path)
            if progress:
                progress()
        else:
            todo.append((position, path, root, key))
    if jobs > 1 and config is not None and len(todo) >= PARALLEL_MIN:
        done = _lint_parallel(todo, jobs, config)
    else:
        ruleset = load_ruleset() if todo else None
        done = (lint_template(index.load(path, root), ruleset, index).to_dict() for _, path, root, _ in todo)
    for (position, path, _root, key), data in zip(todo, done):
        results[position] = Result.from_dict(data)
        if cache is not None:
            cache.put(key, data)
        if progress:
            progress()
    if sequences:
        from msglint.sequence.check import lint_sequence

        ruleset = load_ruleset()
        results.extend(lint_sequence(path, ruleset, index, root) for path, root in sequences)
    return Report(results)


def split_sequences(paths) -> tuple[list, list]:
    """Template paths, and the sequence files (with their pack's templates folder) to lint: those
    named, and every ``sequences/*.yaml`` of a project or templates folder that is linted whole."""
    templates, sequences = [], []
    for entry in paths:
        path = Path(entry)
        if path.is_file() and path.suffix in (".yaml", ".yml") and path.parent.name == "sequences":
            sequences.append((path.resolve(), _templates_of(path.resolve().parent.parent)))
            continue
        templates.append(entry)
        if path.is_dir():
            project = path.parent if path.name == "templates" else path
            folder = project / "sequences"
            if folder.is_dir() and (project / "templates").is_dir():
                root = (project / "templates").resolve()
                sequences.extend((f.resolve(), root) for f in sorted(folder.glob("*.y*ml")))
    return templates, sorted(set(sequences))


def _templates_of(project: Path):
    folder = project / "templates"
    return folder.resolve() if folder.is_dir() else None


_worker: dict = {}


def _init_worker(config, lang) -> None:
    from msglint.checks.engine import build_ruleset

    i18n.configure(lang)
    _worker["ruleset"] = build_ruleset(config)
    _worker["index"] = PackIndex(config.stages)


def _lint_one(item) -> dict:
    path, root = item
    index = _worker["index"]
    return lint_template(index.load(path, root), _worker["ruleset"], index).to_dict()


def _lint_parallel(todo, jobs, config):
    from concurrent.futures import ProcessPoolExecutor

    items = [(path, root) for _, path, root, _ in todo]
    chunk = max(1, len(items) // (jobs * 8))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(config, i18n.explicit())) as pool:
        yield from pool.map(_lint_one, items, chunksize=chunk)


def _dependencies(path: Path, root: Path, index: PackIndex) -> list[bytes]:
    """What a template's result depends on: itself and its counterparts in the other locales."""
    relative = path.relative_to(root) if path.is_relative_to(root) else Path(path.name)
    parts = [str(relative).encode(), _read(path)]
    if len(relative.parts) >= 3:
        template_id = pack.template_id(relative)
        for locale in index.locales(root):
            other = index.file(root, locale, template_id)
            parts.append(locale.encode() + b"\0" + (_read(other) if other else b"<missing>"))
    return parts


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"<unreadable>"
