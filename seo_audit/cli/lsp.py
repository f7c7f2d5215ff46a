"""`seo-audit lsp`: the language server, over stdio (seo_audit/lsp; docs/editors.md)."""

from __future__ import annotations

from seo_audit.cli.commands import app
from seo_audit.cli.options import IsolatedOption, RulesDirOption


@app.command()
def lsp(isolated: IsolatedOption = False, rules_dir: RulesDirOption = None) -> None:
    """Run the language server on stdin/stdout, for editors (VS Code, Neovim, Helix:
    docs/editors.md): diagnostics as you type, hover, quick fixes, the page score.

    Each document is audited with its folder's config, as `check` audits the file.
    """
    from seo_audit.config import Overrides
    from seo_audit.lsp.server import serve
    from seo_audit.run import AuditSettings

    overrides = Overrides(rules_dir=tuple(rules_dir or ()))
    serve(AuditSettings(isolated=isolated, overrides=overrides))
