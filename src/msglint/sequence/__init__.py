"""Sequences: the cadence a lead lives through, as files msglint checks and schedules.

``model`` reads a sequence file, ``check`` matches its steps to the pack and runs the cadence
rules, ``cadence`` is what those rules read, ``schedule`` lays the steps out in the lead's
calendar and ``command`` prints it for ``msglint schedule``."""
