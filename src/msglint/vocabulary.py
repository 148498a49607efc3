"""The closed sets a template's front matter and a rule's scope choose from.

Kept apart from the front-matter validation (msglint.template.metadata) so that loading the rules and
checking a message do not import it.
"""

from __future__ import annotations

from msglint import channels
from msglint.i18n import _
from msglint.support.spelling import did_you_mean

#: The channels a message goes out on (msglint.channels holds what each one is; a live view).
CHANNELS = channels.NAMES
#: Where in the sales process a message is sent, in that order. Rules switch on and off by stage,
#: so a misspelt stage would silently switch them off: the set is closed, and a team that works
#: with other stages declares them under ``stages:`` in its config.
STAGES = ("prospecting", "inbound-response", "meeting-proposal", "meeting-reminder", "follow-up", "nurture",
          "reply", "graceful-exit", "offer")
PURPOSES = ("transactional", "advertising")
AUDIENCES = ("b2b", "b2c")
REGISTERS = ("formal", "neutral", "casual")


def stage_problem(stage, stages=STAGES) -> str | None:
    """Why ``stage`` is not a stage, or None. The marketer learns the close match and the fix."""
    if stage in stages:
        return None
    return _("'{stage}' is not a stage{hint}; stages: {stages} (a team declares more under 'stages:' in "
             ".msglint.yaml)", stage=stage, hint=did_you_mean(stage, stages), stages=", ".join(stages))
