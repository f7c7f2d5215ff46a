"""Configuration: files found per folder, typed and immutable, overridden by flags."""

from seo_audit.config.files import build_config, find_config, load_config
from seo_audit.config.keyphrases import load_keyphrases
from seo_audit.config.model import (
    CONFIG_FILES,
    Config,
    ConfigError,
    Overrides,
    RuleSettings,
    with_overrides,
)
from seo_audit.results.gate import FAIL_ON, FailOn

__all__ = [
    "CONFIG_FILES",
    "FAIL_ON",
    "Config",
    "ConfigError",
    "FailOn",
    "Overrides",
    "RuleSettings",
    "build_config",
    "find_config",
    "load_config",
    "load_keyphrases",
    "with_overrides",
]
