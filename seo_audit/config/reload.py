"""Forget the config files read so far, for the long-running commands (`check --watch`, the
language server) when one changes: a run reads each folder's config once (`find_config` and
the generator detection are cached per folder), which is right for one run and stale for the
next audit of a watched page."""

from __future__ import annotations

from seo_audit.config.files import find_config, site_defaults
from seo_audit.config.presets import detect


def forget_config_files() -> None:
    find_config.cache_clear()
    site_defaults.cache_clear()
    detect.cache_clear()
