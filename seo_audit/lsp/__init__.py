"""`seo-audit lsp`: a language server over stdio for HTML and Markdown/MDX documents.

`audit.py` audits an editor's unsaved buffer as `check` would audit the file (its folder's
config, the same rules, suppressions and fixes) and turns the result into plain LSP-shaped
data; `server.py` is the pygls wiring (imported only by `seo-audit lsp`): diagnostics on open,
change (debounced) and save, hover, code actions, the score notification, config reloads.
"""
