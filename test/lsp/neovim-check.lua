-- Run by neovim.test.ts: `nvim --headless -u NONE -c "luafile neovim-check.lua" FILE` (Neovim 0.7).
-- Starts the language server as a real editor would, waits for its diagnostics on FILE, asks for the
-- code actions of the first one, and writes what it saw as JSON to $ORCH_OUT. Everything runs under
-- pcall and ends with qa!, so a Lua error cannot leave nvim hanging.
local out = os.getenv("ORCH_OUT")
local result = { diagnostics = {}, actions = {}, error = nil }

local ok, err = pcall(function()
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "orchestrator",
    cmd = { os.getenv("ORCH_NODE"), os.getenv("ORCH_SERVER"), "--stdio" },
    root_dir = os.getenv("ORCH_ROOT"),
    init_options = { databaseUrl = os.getenv("ORCH_DATABASE_URL"), pollIntervalMs = 0 },
  })
  if not client_id then error("start_client failed") end
  vim.lsp.buf_attach_client(buf, client_id)
  local seen = vim.wait(60000, function() return #vim.diagnostic.get(buf) >= 2 end, 100)
  if not seen then error("no diagnostics within 60 s") end

  -- Neovim 0.7 keeps the LSP diagnostic in user_data.lsp; rebuild it for the code-action context.
  local lsp_diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    local diagnostic = {
      range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } },
      message = d.message,
      severity = d.severity,
      source = d.source or lsp.source,
      code = lsp.code or d.code,
    }
    table.insert(lsp_diagnostics, diagnostic)
    table.insert(result.diagnostics, diagnostic)
  end
  table.sort(lsp_diagnostics, function(a, b) return a.range.start.line > b.range.start.line end)

  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = lsp_diagnostics[1].range,
    context = { diagnostics = { lsp_diagnostics[1] } },
  }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 20000) or {}
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      table.insert(result.actions, { title = action.title, command = action.command and action.command.command })
    end
  end
  vim.lsp.stop_client(client_id)
end)

if not ok then result.error = tostring(err) end
local file = io.open(out, "w")
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd("qa!")
