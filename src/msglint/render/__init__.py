"""Template + lead -> Message: the Jinja sandbox, locale filters, lead values and the source map."""
