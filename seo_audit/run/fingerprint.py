"""What the journal matches a page's record by: the page's identity as the run names it, its
input's size and mtime_ns, and a digest of the settings its audit depends on (per config).

size + mtime_ns is what make and rsync trust; a content digest would read every file again,
the cost the journal is there to avoid (`touch` forces a page to be audited again). The gate's
settings are not in the digest: the gate is applied in finalize, to every page, every run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import replace

from seo_audit import __version__
from seo_audit.config import Config
from seo_audit.run.codec import encode, schema
from seo_audit.run.plan import Plan
from seo_audit.sources import SourceRef

# Kinds whose input is a local file the journal can fingerprint (an export's item or an
# archive's record by the file it lies in). Fetched pages are fetched and audited again.
_LOCAL_KINDS = frozenset({"file", "wxr", "warc"})


def ref_key(ref: SourceRef) -> bytes:
    """A page's identity in the journal, as this run names it (16 bytes)."""
    parts = (ref.kind, ref.name, ref.location, str(ref.site_root or ""), ref.site_path or "")
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).digest()


def input_fingerprint(ref: SourceRef) -> tuple[int, int] | None:
    """(size, mtime_ns) of the file the page is read from; None when there is none to trust
    (stdin, a URL, a bucket) or it cannot be read (its audit says why)."""
    if ref.kind not in _LOCAL_KINDS:
        return None
    try:
        status = os.stat(ref.location)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def settings_digest(plan: Plan, config: Config) -> str:
    """What a page's audit depends on besides the page: the version, the flags the audit
    reads, its config without the gate's keys (applied later, to every page), the rules
    loaded and, for house rules, their files' size and mtime."""
    rules = plan.rules_for(config).rules
    files = []
    for rule in rules:
        if rule.origin.startswith("local "):
            path = rule.origin.removeprefix("local ")
            with contextlib.suppress(OSError):
                status = os.stat(path)
                files.append((path, status.st_size, status.st_mtime_ns))
    settings = plan.settings
    flags = replace(settings.overrides, fail_on=None, fail_under=None, page_timeout=None)
    described = {
        "version": __version__,
        "keyphrase": settings.keyphrase,
        "synonyms": settings.synonyms,
        "base_url": settings.base_url,
        "plugins": settings.plugins,
        "overrides": flags,
        "config": replace(config, fail_on="error", fail_under=None, fail_under_site=None),
        "rules": sorted((rule.id, rule.origin) for rule in rules),
        "files": sorted(files),
        "schema": schema(),  # a record of another shape is stale
    }
    text = json.dumps(encode(described), sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def run_fingerprint(plan: Plan) -> str:
    """The run's settings, as summary.json names them: the settings digests of its pages'
    configs (the same pages audited with the same fingerprint give the same records)."""
    digests: dict[int, str] = {}
    used = sorted({cached_digest(plan, ref, digests) for ref in plan.sources})
    return hashlib.blake2b(",".join(used).encode(), digest_size=8).hexdigest()


def cached_digest(plan: Plan, ref: SourceRef, digests: dict[int, str]) -> str:
    """settings_digest of the ref's config, worked out once per config in `digests`."""
    config = plan.config_for(ref)
    key = id(config)
    if key not in digests:
        digests[key] = settings_digest(plan, config)
    return digests[key]
