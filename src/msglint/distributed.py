"""Campaigns larger than one machine: render and check one partition of leads at a time, on any
engine that maps a function over partitions (Dask, Ray, Spark).

``render_partition`` takes a pandas DataFrame of leads (one row per lead) and returns a DataFrame
with one row per lead: its row number, the rendered subject and body, the facts and findings as
JSON text, and the error when the lead could not be rendered. It is a plain picklable function;
the template and rules load once per worker process and stay loaded (Kiwi too, for Korean).

    import dask.dataframe as dd
    from msglint.distributed import render_partition, META

    leads = dd.read_parquet("leads/*.parquet")
    out = leads.map_partitions(render_partition, "sms/missed-call", "ko", "templates", meta=META)
    out.to_parquet("rendered/")

Row numbers are the lead's position in its partition plus ``offset`` (a ``row`` column in the
data wins), so a caller that wants file-wide numbers passes each partition's start.
"""

from __future__ import annotations

import json
from functools import lru_cache
from msglint.config import find_config, load_config
from msglint.checks.engine import build_ruleset
from msglint.template.index import find_template
from msglint.run.batch import _STATE, _render_row

COLUMNS = ("row", "template", "locale", "subject", "body", "facts", "findings", "error")


def _meta():
    import pandas as pd

    return pd.DataFrame({name: pd.Series(dtype="int64" if name == "row" else "object") for name in COLUMNS})


@lru_cache(maxsize=8)
def _loaded(template_id: str, locale: str, templates: str, config_path: str | None):
    """The template and rules, once per worker process."""
    config = load_config(config_path) if config_path else find_config()
    ruleset = build_ruleset(config)
    template, _index = find_template(template_id, locale, templates, config.stages)
    return template, ruleset


def render_partition(frame, template_id: str, locale: str, templates: str = "templates",
                     config_path: str | None = None, defaults: dict | None = None, offset: int = 0):
    """Render and check every lead of ``frame`` (a pandas DataFrame); one output row per lead."""
    import pandas as pd

    template, ruleset = _loaded(template_id, locale, str(templates), config_path)
    _STATE.update(template=template, ruleset=ruleset, defaults=dict(defaults or {}), language=None)
    out = []
    for position, record in enumerate(frame.to_dict(orient="records"), start=1):
        number = int(record.pop("row", position + offset))
        lead = {k: ("" if _missing(v) else _plain(v)) for k, v in record.items()}
        line, _status = _render_row(number, lead)
        out.append({
            "row": number, "template": template.id, "locale": template.locale,
            "subject": line.get("subject"), "body": line.get("body"),
            "facts": json.dumps(line["facts"], ensure_ascii=False, default=str) if "facts" in line else None,
            "findings": json.dumps(line["findings"], ensure_ascii=False) if "findings" in line else None,
            "error": line.get("error"),
        })
    return pd.DataFrame(out, columns=list(COLUMNS)) if out else _meta()


def _missing(value) -> bool:
    try:
        import pandas as pd

        return value is None or (not isinstance(value, (list, tuple, dict)) and bool(pd.isna(value)))
    except (TypeError, ValueError):
        return False


def _plain(value):
    """pandas' Timestamps and numpy scalars as the plain values lead data holds."""
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime()
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def __getattr__(name):
    if name == "META":  # built on first use: pandas is an optional extra
        return _meta()
    raise AttributeError(name)
