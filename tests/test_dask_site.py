"""The cross-page rules on a Dask cluster: group-bys and joins on the workers give the local
run's findings, record by record, on a small site made here whose problems span partitions."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from seo_audit.formats import ReportOptions, format_named
from seo_audit.results.model import AuditReport
from seo_audit.run import AuditSettings, build_plan, executor_for, finalize

from helpers import CORPUS, SHARED, needs_corpus, run_cli, wrap

distributed = pytest.importorskip("distributed")

SITE = "https://brew.example.com"
# What the site below gets wrong, each problem on pages of different chunks (chunks of four
# pages, and the test makes every chunk a partition of its own).
EXPECTED = {
    "duplicate-title": {"a.html", "e.html", "i.html"},
    "duplicate-meta-description": {"b.html", "f.html"},
    "keyphrase-cannibalization": {"c.md", "g.md"},
    "broken-internal-link": {"index.html"},
    "orphan-page": {"lonely.html"},
    "hreflang-return": {"en.html", "de.html", "fr.html"},
}


def _site(root: Path) -> None:
    def page(name: str, title: str, body: str = "<p>Notes on coffee.</p>", head: str = "") -> None:
        (root / name).write_text(wrap(body, title=title, head=head + "\n</head>"))

    def described(text: str) -> str:
        return f'<meta name="description" content="{text}">'

    def alternates(own: str, *others: tuple[str, str]) -> str:
        tags = [f'<link rel="canonical" href="{SITE}/{own}/">']
        tags += [f'<link rel="alternate" hreflang="{c}" href="{SITE}/{p}/">' for c, p in others]
        return "\n".join(tags)

    listed = ["a", "b", "e", "f", "i", "j", "k", "en", "de", "fr"]
    links = " ".join(f'<a href="{n}.html">{n}</a>' for n in listed)
    links += ' <a href="c.md">c</a> <a href="g.md">g</a> <a href="gone.html">gone</a>'
    page("index.html", "Brewing notes", f"<p>Start here: {links}.</p>", described("The index."))
    page("a.html", "Cold brew at home", '<p>Back to <a href="index.html">the index</a>.</p>')
    page("b.html", "Pour over", head=described("A site about coffee."))
    (root / "c.md").write_text("---\ntitle: Cold brew ratios\nkeyphrase: cold brew ratio\n---\n")
    page("e.html", "Cold Brew  at HOME")  # the same title, in other case and spacing
    page("f.html", "Moka pot", head=described("A site about  coffee."))
    (root / "g.md").write_text("---\ntitle: Ratios\nkeyphrase: ratio, cold brew\n---\nText.\n")
    page("i.html", "cold brew at home")
    page("j.html", "Espresso")
    page("k.html", "Aeropress")
    page("lonely.html", "Nobody links here")
    # en lists de, which does not list it back; fr names de's URL as French.
    page("en.html", "Cold brew", head=alternates("en", ("en", "en"), ("de", "de")))
    page("de.html", "Kaltbrüh", head=alternates("de", ("de", "de")))
    page("fr.html", "Café froid", head=alternates("fr", ("fr", "fr"), ("fr", "de")))


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    # Worker processes, as a real cluster's: what goes to them and back must pickle.
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as running:
        yield running


def _records(report: AuditReport) -> list[dict[str, Any]]:
    stream = io.StringIO()
    format_named("jsonl").write(report, stream, ReportOptions())
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def _found(records: list[dict[str, Any]]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for record in records:
        for finding in record.get("findings", ()):
            if finding.get("scope") == "site" or finding["rule"] in EXPECTED:
                found.setdefault(finding["rule"], set()).add(Path(record["path"]).name)
    return found


def test_site_rules_on_the_cluster_give_the_local_findings(
    cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import seo_audit.run.dask as on_dask

    _site(tmp_path)
    monkeypatch.setattr(on_dask, "_PAGES_A_PARTITION", 4)  # every chunk a partition
    plan = build_plan([str(tmp_path)], AuditSettings(isolated=True, whole_site=True))
    local = _records(finalize(plan, executor_for(plan, 1).run(plan)))
    run = executor_for(plan, 1, cluster.scheduler_address).run(plan)
    remote = _records(finalize(plan, run))
    assert _found(local) == EXPECTED  # the site's problems, each found
    assert remote == local
    assert run.client is None  # finalize let go of the cluster


def test_the_group_bys_run_on_the_workers(cluster: Any, tmp_path: Path) -> None:
    # The client's own facts are withheld: what the rules find, they found on the cluster.
    _site(tmp_path)
    plan = build_plan([str(tmp_path)], AuditSettings(isolated=True, whole_site=True))
    run = executor_for(plan, 1, cluster.scheduler_address).run(plan)
    audits = [outcome.audit for outcome in run if outcome.audit is not None]
    try:
        found = {}
        rules = {
            rule.id: rule
            for rule in plan.rules_for(next(iter(plan.configs.values()))).rules
            if rule.scope == "site"
        }
        for rule_id in EXPECTED:
            options = {"whole_site": True} if "whole_site" in rules[rule_id].options else {}
            by_page, crashed = run.run_site_rule(rules[rule_id], [None] * len(audits), options)
            assert crashed is None
            found[rule_id] = {Path(name).name for name in by_page}
        # Facts of a page the cluster never saw (a resumed run's journaled page): the rule
        # runs on the client, over the facts it is given.
        facts = [audit.facts for audit in audits]
        copy = replace(next(f for f in facts if f.title == "Cold brew at home"), path="x.html")
        by_page, _ = run.run_site_rule(rules["duplicate-title"], [*facts, copy], {})
        assert {Path(name).name for name in by_page} == {*EXPECTED["duplicate-title"], "x.html"}
    finally:
        run.close()
    assert found == EXPECTED


def _house_rule(folder: Path, body: str) -> Path:
    """A house rule whose check runs `body` (on the workers: they read --rules-dir by path)."""
    folder.mkdir()
    (folder / "house_kill.py").write_text(
        "import os\nfrom pathlib import Path\nfrom seo_audit.rule import Finding, rule\n\n\n"
        '@rule("house-kill", category="house", severity="info")\n'
        "def house_kill(page, options):\n"
        '    """Ends its worker process on a page of its choosing."""\n' + body
    )
    return folder


@pytest.fixture
def own_cluster() -> Iterator[Any]:
    # Its workers are killed: a cluster of its own, with nannies that start new ones.
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as running:
        yield running


def test_a_chunk_whose_worker_dies_is_run_again_on_another(
    own_cluster: Any, tmp_path: Path
) -> None:
    marker = tmp_path / "killed-once"
    house = _house_rule(
        tmp_path / "house",
        f"    if page.title == 'Espresso' and not Path({str(marker)!r}).exists():\n"
        f"        Path({str(marker)!r}).write_text('the first attempt ended here')\n"
        "        os._exit(9)\n"
        "    yield Finding('The house rule saw this page.')\n",
    )
    site = tmp_path / "site"
    site.mkdir()
    _site(site)
    args = ("check", "--isolated", "--whole-site", "--format", "jsonl", "--rules-dir", str(house))
    remote = run_cli(*args, "--scheduler", own_cluster.scheduler_address, str(site))
    assert marker.exists()  # a worker died in the middle of the chunk
    local = run_cli(*args, str(site))
    assert "Traceback" not in remote.stderr, remote.stderr
    records = [json.loads(line) for line in remote.stdout.splitlines()]
    espresso = next(r for r in records if r.get("title") == "Espresso")
    assert any(f["rule"] == "house-kill" for f in espresso["findings"])
    assert _found(records) == EXPECTED  # the facts of the lost worker's chunks, too
    assert remote.stdout == local.stdout and remote.returncode == local.returncode == 1


@pytest.mark.slow
def test_a_page_that_kills_every_worker_is_the_one_error(own_cluster: Any, tmp_path: Path) -> None:
    house = _house_rule(
        tmp_path / "house",
        "    if page.title == 'Espresso':\n        os._exit(9)\n    yield from ()\n",
    )
    site = tmp_path / "site"
    site.mkdir()
    _site(site)
    remote = run_cli(
        "check", "--isolated", "--format", "json", "--rules-dir", str(house),
        "--scheduler", own_cluster.scheduler_address, str(site),
    )  # fmt: skip
    assert "Traceback" not in remote.stderr and remote.stdout, remote.stderr
    report = json.loads(remote.stdout)
    assert [e["path"] for e in report["errors"]] == [str(site / "j.html")]
    assert "worker auditing this page died" in report["errors"][0]["message"]
    assert len(report["pages"]) == 13  # its chunk's three other pages audited one by one
    assert remote.returncode == 2


def test_a_folder_whose_config_turns_a_rule_off_is_left_out_on_the_cluster_too(
    cluster: Any, tmp_path: Path
) -> None:
    _site(tmp_path)
    (tmp_path / "seo-audit.toml").write_text("")
    quiet = tmp_path / "quiet"
    quiet.mkdir()
    (quiet / "seo-audit.toml").write_text('ignore = ["duplicate-title"]\n')
    head = '<meta name="description" content="A site about coffee.">\n</head>'
    (quiet / "copy.html").write_text(wrap("<p>Notes.</p>", title="Cold brew at home", head=head))
    plan = build_plan([str(tmp_path)], AuditSettings(whole_site=True))
    local = _records(finalize(plan, executor_for(plan, 1).run(plan)))
    remote = _records(finalize(plan, executor_for(plan, 1, cluster.scheduler_address).run(plan)))
    found = _found(local)
    assert found["duplicate-title"] == EXPECTED["duplicate-title"]  # copy.html is not judged
    assert found["duplicate-meta-description"] == {"b.html", "f.html", "copy.html"}
    assert remote == local


@pytest.mark.slow  # two audits of 151 real pages: ~25 s on a loaded machine
@needs_corpus
def test_real_pages_and_drafts_give_the_local_site_findings_on_the_cluster(cluster: Any) -> None:
    # The corpus's articles and the drafts of nine generators, audited as one whole site: real
    # links, descriptions and keyphrases, 151 pages.
    plan = build_plan([str(CORPUS), str(SHARED / "drafts")], AuditSettings(whole_site=True))
    local = _records(finalize(plan, executor_for(plan, 1).run(plan)))
    remote = _records(finalize(plan, executor_for(plan, 1, cluster.scheduler_address).run(plan)))
    rules = set(_found(local))
    assert {"broken-internal-link", "orphan-page", "keyphrase-cannibalization"} <= rules
    assert "duplicate-meta-description" in rules
    assert remote == local
