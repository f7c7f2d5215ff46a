-- Open a page in headless Neovim, attach `seo-audit lsp` and print the diagnostics it sends,
-- one `path:line:col: severity code message` a line (docs/editors.md). Exit 1 if none came.
--
--   nvim --headless -u NONE -c "luafile scripts/nvim-lsp-check.lua" examples/draft-cold-brew.md
--
-- Neovim 0.8+ has vim.lsp.start (the snippet in docs/editors.md); 0.7 (Debian 12) only
-- vim.lsp.start_client, so this script uses whichever there is. $SEO_AUDIT names the command.
local command = os.getenv("SEO_AUDIT") or "seo-audit"
local buf = vim.api.nvim_get_current_buf()
local file = vim.api.nvim_buf_get_name(buf)
vim.bo[buf].filetype = file:match("%.html?$") and "html" or "markdown"
local config = { name = "seo-audit", cmd = { command, "lsp" }, root_dir = vim.fn.getcwd() }
local client_id
if vim.lsp.start then
  client_id = vim.lsp.start(config)
else
  client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(buf, client_id)
end
local severities = { "error", "warning", "info", "hint" }
local arrived = vim.wait(60000, function()
  return #vim.diagnostic.get(buf) > 0
end, 100)
local out = io.stdout
for _, d in ipairs(vim.diagnostic.get(buf)) do
  out:write(string.format("%s:%d:%d: %s %s %s\n", vim.fn.fnamemodify(file, ":."), d.lnum + 1,
    d.col + 1, severities[d.severity] or "?", d.code or (d.user_data and d.user_data.lsp
    and d.user_data.lsp.code) or "?", d.message))
end
out:flush()
vim.lsp.stop_client(client_id)
vim.cmd(arrived and "qall!" or "cquit!")
