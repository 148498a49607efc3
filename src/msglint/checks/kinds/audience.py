"""A step sends a message written for the sequence's audience.

A sequence says whom it follows (``audience: b2c``) and every template says whom it is written for
(``audience:`` in its front matter). A template for a business speaks of "님 팀의 …", "your team's",
"비슷한 고객사들": to a consumer that is false, and both sides are declared, so a step whose template
is for another audience fires on the step's line. ``sends`` (a sequence's audience -> the template
audiences its steps may send) is data, so a team whose copy for one audience also fits another can
say so in its own rule file; an audience it does not list sends only templates written for it.
"""

from __future__ import annotations

from msglint.checks.kinds.cadence_common import at_step
from msglint.i18n import _
from msglint.vocabulary import AUDIENCES

FIELDS = {"sends": True}


def compile(rule):
    sends = rule.options["sends"]
    if not isinstance(sends, dict) or not all(isinstance(v, list) for v in sends.values()):
        raise ValueError(_("'sends' must map a sequence's audience to the audiences of the templates it may "
                           "send, e.g. b2c: [b2c]"))
    for audience in (*sends, *(a for allowed in sends.values() for a in allowed)):
        if audience not in AUDIENCES:
            raise ValueError(_("'sends': '{audience}' is not one of {choices}", audience=audience,
                               choices=", ".join(AUDIENCES)))
    return {audience: frozenset(allowed) for audience, allowed in sends.items()}


def check_sequence(rule, cadence):
    audience = cadence.sequence.audience
    allowed = rule.compiled.get(audience, frozenset((audience,)))
    for point in cadence.points:
        # One finding per step: the template's locales normally agree, and when they do not, the
        # first that differs is enough to send the author to its front matter.
        found = next((a for a in point.audiences if a not in allowed), None)
        if found is not None:
            yield at_step(point.step, template=point.step.template, found=found, audience=audience)
