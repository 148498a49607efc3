"""msglint in the editor: a language server (``msglint server``) that keeps the rules, Kiwi and
the pack loaded, so a keystroke costs a lint, not a process start.

``documents`` knows what an open file is (a template, a sequence, a rule file, the config) and
lints its unsaved text the way ``msglint lint`` lints the file; ``positions`` turns findings and
fixes into the editor's ranges; ``server`` speaks the Language Server Protocol (pygls).
"""
