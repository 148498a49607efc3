"""JSON Schemas for editors agree with what msglint accepts: every shipped file validates, and
the schemas name exactly the keys the loaders know."""

import functools
import json

import jsonschema
import pytest
import yaml

from conftest import CLI, REPO
from msglint import config
from msglint.template import metadata
from msglint.commands import schema as schemas
from msglint.template.frontmatter import split
from msglint.template import sequence_file as model


@functools.cache  # a validator keeps no state between documents: one per schema serves every test
def _schema(name, process=False):
    proc = CLI(REPO)("schema", name, process=process)
    assert proc.returncode == 0, proc.err
    schema = json.loads(proc.out)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", sorted((REPO / "rules").rglob("*.yaml")), ids=lambda p: p.name)
def test_shipped_rule_files_validate(path):
    _schema("rules").validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_every_template_front_matter_and_sequence_validates():
    # The one end-to-end run of `msglint schema`: `python -m msglint` in a process of its own.
    front = _schema("front-matter", process=True)
    for path in sorted((REPO / "templates").rglob("*.j2")):
        front.validate(split(path.read_text(encoding="utf-8")).meta)
    seq = _schema("sequence")
    for path in sorted((REPO / "sequences").glob("*.yaml")):
        seq.validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_the_schemas_name_exactly_the_keys_the_loaders_know():
    front = schemas.front_matter()
    assert set(front["properties"]) == set(metadata.TOP_KEYS)
    variable = front["properties"]["variables"]["additionalProperties"]["oneOf"][0]
    assert set(variable["properties"]) == set(metadata.VARIABLE_KEYS)
    assert set(schemas.config()["properties"]) == set(config.KEYS)
    seq = schemas.sequence()
    assert set(seq["properties"]) == set(model.TOP_KEYS)
    assert set(seq["properties"]["steps"]["items"]["properties"]) == set(model.STEP_KEYS)


def test_mistakes_an_editor_would_underline():
    front, cfg, seq = _schema("front-matter"), _schema("config"), _schema("sequence")
    assert not front.is_valid({"channel": "fax", "stage": "follow-up", "purpose": "transactional"})
    assert not front.is_valid({"channel": "sms", "stage": "follow-up", "purpose": "transactional", "chanel": "sms"})
    assert not cfg.is_valid({"lang": "kr"}) and not cfg.is_valid({"ignroe": ["x"]})
    assert cfg.is_valid({"lang": "ko", "ignore": ["spam-trigger"], "severity": {"generic-phrase": "error"}})
    assert not seq.is_valid({"trigger": "inquiry", "locales": ["ko"], "steps": [{"after": "soon", "call": "x"}]})
    assert not _schema("rules").is_valid({"rules": [{"id": "X", "kind": "phrases", "severity": "error",
                                                  "message": "m", "source": "s"}]})


@pytest.mark.parametrize("name", ["front-matter", "config", "sequence", "rules"])
def test_every_key_an_editor_shows_has_a_description(name):
    from msglint.commands.schema import build
    from msglint.commands.schema_text import properties

    found = list(properties(build(name)))
    assert len(found) > 10
    assert [path for path, node in found if not node.get("description")] == []
