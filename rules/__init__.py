"""Builtin rules, one concern per module. Installed as `seo_audit.rules`.

Every `Rule` object a module defines (with the `@rule` decorator) is picked up; nothing else
needs registering. Copy `headings.py`'s `h1_missing` to start a new one.
"""
