"""Make tests/helpers.py importable without putting the checkout on sys.path: the tests must
exercise the installed package (pytest runs with --import-mode=importlib)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
