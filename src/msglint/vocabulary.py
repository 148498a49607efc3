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
          "reply", "graceful-exit", "offer",
          # The rest of the sales process (「영업 프로세스 7단계」, 「리캐치 플레이북 - 인바운드」): a polite no to a
          # lead outside the ICP, a booked meeting (confirmed, prepared by a discovery call and a useful
          # text), the proposal and the close, then the customer (retention, referral).
          "decline", "meeting-confirmation", "discovery", "pre-meeting", "proposal-follow-up", "closing",
          "retention", "referral")
PURPOSES = ("transactional", "advertising")
AUDIENCES = ("b2b", "b2c")
REGISTERS = ("formal", "neutral", "casual")
# The roles a variable may have that the tools act on (``role:``): the lead's name (read as a name
# by the Korean analysis), a time the message offers (filled and checked against the send time by
# the schedule), the time of the sequence's next step and the subject of its next email (filled
# by the schedule, so "I'll email you, subject '…'" is kept), the booked meeting (a message about
# it goes before it), when the sequence's trigger happened (the day of the consultation). A personalization rule may name more (topic, company).
ROLES = ("name", "proposed", "next-contact", "next-subject", "meeting", "trigger")


def stage_problem(stage, stages=STAGES) -> str | None:
    """Why ``stage`` is not a stage, or None. The marketer learns the close match and the fix."""
    if stage in stages:
        return None
    return _("'{stage}' is not a stage{hint}; stages: {stages} (a team declares more under 'stages:' in "
             ".msglint.yaml)", stage=stage, hint=did_you_mean(stage, stages), stages=", ".join(stages))
