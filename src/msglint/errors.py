"""Errors that stop a run before any message is checked (exit code 2).

Each carries a one-line reason that names the file, rule or option at fault and says how to fix
it; the CLI prints it without a traceback.
"""

from msglint.i18n import _


class MsglintError(Exception):
    """A usage or configuration problem: bad option, bad rule file, bad config, unreadable input."""


class RuleFileError(MsglintError):
    def __init__(self, path, problem, rule=None):
        if rule:
            # str(): a rule id written as a mapping ({}) is shown as written, not read as a text per language
            super().__init__(_("{path}, rule '{rule}': {problem}", path=path, rule=str(rule), problem=problem))
        else:
            super().__init__(_("{path}: {problem}", path=path, problem=problem))


class ConfigError(MsglintError):
    pass


class DataError(MsglintError):
    """Lead data that cannot be used: unreadable file, bad --var, missing variable."""
