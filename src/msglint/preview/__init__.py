"""``msglint preview``: every message as its recipient sees it, with findings marked in place."""
