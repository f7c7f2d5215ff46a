"""Configuration: files found per folder, typed and immutable, overridden by flags."""

from seo_audit.config.files import (
    build_config,
    find_config,
    load_config,
    site_defaults,
    with_preset,
)
from seo_audit.config.keyphrases import load_keyphrases
from seo_audit.config.model import (
    CONFIG_FILES,
    Config,
    ConfigError,
    Overrides,
    RuleSettings,
    with_overrides,
)
from seo_audit.config.presets import PRESETS, Preset, detect, starter_text
from seo_audit.results.gate import FAIL_ON, FailOn

__all__ = [
    "CONFIG_FILES",
    "FAIL_ON",
    "PRESETS",
    "Config",
    "ConfigError",
    "FailOn",
    "Overrides",
    "Preset",
    "RuleSettings",
    "build_config",
    "detect",
    "find_config",
    "load_config",
    "load_keyphrases",
    "site_defaults",
    "starter_text",
    "with_overrides",
    "with_preset",
]
