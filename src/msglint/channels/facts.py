"""Facts about a message that rules and people read: its length, and its channel's arithmetic."""

from __future__ import annotations

from msglint import channels
from msglint.channels.words import count_words


def compute_facts(message, settings: dict | None = None) -> dict:
    settings = settings or {}
    facts: dict = {"chars": len(message.body), "words": count_words(message.body)}
    channel = channels.get(message.channel)
    if channel is not None:
        channel.facts(message, settings, facts)
    if message.subject is not None:
        facts["subject_chars"] = len(message.subject)
        facts["subject_words"] = count_words(message.subject)
    return facts
