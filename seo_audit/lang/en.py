"""English."""

from __future__ import annotations

from seo_audit import english
from seo_audit.text import FUNCTION_WORDS_EN

FUNCTION_WORDS = FUNCTION_WORDS_EN
TRANSITION_WORDS = english.TRANSITION_WORDS
TRANSITION_PHRASES = english.TRANSITION_PHRASES
BEGINNING_EXCEPTIONS = english.BEGINNING_EXCEPTIONS
is_passive = english.is_passive
has_transition = english.has_transition
