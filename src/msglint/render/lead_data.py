"""Lead data for rendering: a template's sample, --data files (YAML or JSON), --var pairs.

Values are coerced by the variable's declared type; ISO datetimes become aware datetimes (a
naive one is read in the recipient's zone), so Babel formats them in the right zone.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from pathlib import Path

import yaml

from msglint.support import safe_yaml
from msglint.errors import DataError
from msglint.i18n import _
from msglint.errors import MsglintError
from msglint.support.send_time import check_zone

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


def _unique(pairs) -> dict:
    keys = [key for key, _ in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise json.JSONDecodeError(str(_("'{key}' is written twice in one object; JSON would keep only the last",
                                             key=key)), "", 0)
    return dict(pairs)


def json_strict(text: str):
    """JSON, refusing an object that names a key twice (the parser would keep the last in silence)."""
    return json.loads(text, object_pairs_hook=_unique)


def read_data_file(path: str) -> dict:
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataError(_("{path}: no such data file", path=path)) from None
    except UnicodeDecodeError:
        raise DataError(_("{path}: not UTF-8 text; save it as UTF-8", path=path)) from None
    except OSError as exc:
        raise DataError(_("{path}: cannot read it ({reason})", path=path, reason=exc.strerror)) from None
    try:
        data = json_strict(text) if file.suffix.lower() == ".json" else safe_yaml.load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise DataError(_("{path}: not valid {format}: {problem}", path=path, problem=exc,
                              format="JSON" if file.suffix.lower() == ".json" else "YAML")) from None
    except RecursionError:
        raise DataError(_("{path}: nested too deeply to be lead data (a lead is a mapping of values)", path=path)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DataError(_("{path}: lead data must be a mapping of variable: value", path=path))
    return data


def parse_vars(pairs) -> dict:
    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise DataError(_("--var '{pair}': write it as key=value", pair=pair))
        key, value = pair.split("=", 1)
        key = key.strip()
        if not key:
            raise DataError(_("--var '{pair}': the key before '=' is empty", pair=pair))
        out[key] = value
    return out


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def to_datetime(value):
    if isinstance(value, (dt.datetime, dt.date)):
        return value
    if isinstance(value, str):
        moment = _moment(value)
        if moment is not None:
            return moment
    raise ValueError(_("'{value}' is not an ISO date (2026-12-15) or date-time (2026-11-24T14:00:00+09:00)", value=value))


@lru_cache(maxsize=1024)  # a campaign's leads share their slots: each text is parsed once
def _moment(value: str):
    """The date or date-time an ISO text names (values are immutable, so one is shared), or None."""
    text = value.strip()
    if _DATE.match(text):
        return dt.date.fromisoformat(text)
    if _ISO.match(text):
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return None


#: Longest single value a lead may carry (characters): a name, a topic, a note, never a document.
MAX_VALUE = 10_000


def check_value(name: str, value) -> None:
    """Raise DataError for a value no message can carry: text that is not valid Unicode (a lone
    surrogate from a broken export), or text too long to be a lead's field."""
    if isinstance(value, (list, tuple)):
        for item in value:
            check_value(name, item)
        return
    if not isinstance(value, str):
        return
    if len(value) > MAX_VALUE:
        raise DataError(_("'{name}' is {length} characters; a lead's value is at most {limit}", name=name,
                          length=f"{len(value):,}", limit=f"{MAX_VALUE:,}"))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = value[exc.start]
        raise DataError(_("'{name}' holds an invalid character ({code}, half of a UTF-16 pair) at position "
                          "{position}; fix the value in the export", name=name, code=f"U+{ord(bad):04X}",
                          position=exc.start + 1)) from None


def coerce(data: dict, variables: dict) -> dict:
    """Coerce values by declared type. Raises DataError naming the variable."""
    for name, value in data.items():
        check_value(str(name), value)
    if data.get("timezone") is not None:
        try:
            check_zone(data["timezone"])
        except MsglintError as exc:
            raise DataError(_("timezone: {problem}", problem=exc.args[0] if exc.args else exc)) from None
    out = dict(data)
    for name, value in data.items():
        var = variables.get(name)
        vtype = var.type if var else None
        try:
            if vtype in ("datetime", "date"):
                out[name] = to_datetime(value)
            elif vtype == "datetime-list":
                if isinstance(value, str):  # a CSV cell: "a; b" or "a | b" or "a, b"
                    value = [v.strip() for v in re.split(r"[;|,]", value) if v.strip()]
                if not isinstance(value, list):
                    raise ValueError(_("expected a list of ISO date-times"))
                out[name] = [to_datetime(v) for v in value]
            elif vtype == "number" and isinstance(value, str):
                out[name] = float(value) if "." in value else int(value)
            elif vtype == "list" and isinstance(value, str):
                out[name] = [v.strip() for v in re.split(r"[;|]" if re.search(r"[;|]", value) else ",", value) if v.strip()]
            elif vtype is None and isinstance(value, str) and _ISO.match(value.strip()):
                out[name] = to_datetime(value)
        except ValueError as exc:
            raise DataError(_("variable '{name}': {problem}", name=name, problem=exc.args[0] if exc.args else exc)) from None
    return out


def worst_case(variables: dict, sample: dict) -> dict:
    """The longest plausible value of each text variable: its longest example or sample, grown to
    ``max_length`` in the same script, so length rules see "Alexandra Montgomery-Smith", not "Fred".
    """
    out = dict(sample)
    for name, var in variables.items():
        if var.type not in ("string", "url", "phone", "email"):
            continue
        candidates = [str(v) for v in [sample.get(name), *var.examples] if isinstance(v, (str, int, float))]
        if not candidates:
            continue
        longest = max(candidates, key=len)
        if var.max_length and len(longest) < var.max_length:
            filler = longest.rstrip()[-1:] or "x"
            longest = longest + filler * (var.max_length - len(longest))
        out[name] = longest
    return out


def missing_required(variables: dict, present) -> list[str]:
    """Required variables with no value among ``present`` (names, a mapping or CSV columns)."""
    return [name for name, var in variables.items() if var.required and name not in present]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ONE_LINE_TYPES = ("phone", "email", "url")


def _check_shape(name: str, var, value) -> None:
    """A value the message can show as the lead would want it: not a mapping or a list where text
    belongs (it would print as Python's {'a': 1}), no control characters, no line break inside a
    name, a phone number, an address."""
    if value is None:
        return
    if isinstance(value, dict) or (isinstance(value, (list, tuple)) and var.type not in ("list", "datetime-list")):
        raise DataError(_("'{name}' is a {shape} in the lead data; the message shows text or a number here",
                          name=name, shape=_("mapping") if isinstance(value, dict) else _("list")))
    if isinstance(value, str):
        bad = _CONTROL.search(value)
        if bad:
            raise DataError(_("'{name}' holds a control character ({code}); fix the value in the export", name=name,
                              code=f"U+{ord(bad.group()):04X}"))
        if ("\n" in value or "\r" in value) and (var.role == "name" or var.type in _ONE_LINE_TYPES):
            raise DataError(_("'{name}' holds a line break; a name, a phone number or an address is one line",
                              name=name))


def lead_values(variables: dict, row: dict) -> dict:
    """One lead's values, checked against the declared variables: empty cells dropped, every
    required variable present, no text longer than its ``max_length``. Raises DataError naming
    the field."""
    data = {}
    for key, value in row.items():
        if value == "" or value is None:
            if key in variables and variables[key].required:
                raise DataError(_("'{key}' is empty", key=key))
            continue
        data[key] = value
    missing = missing_required(variables, data)
    if missing:
        raise DataError(_("no value for {names}", names=", ".join(missing)))
    for name, var in variables.items():
        value = data.get(name)
        _check_shape(name, var, value)
        if var.max_length and isinstance(value, str) and len(value) > var.max_length:
            raise DataError(_("'{name}' is {length} characters, longer than its max_length {limit}", name=name,
                                length=len(value), limit=var.max_length))
    return data
