-- A second LSP client: Neovim (Debian's 0.7.x) runs `node dist/cli.js lsp --stdio` against one file,
-- waits for its diagnostics, asks for code actions on the first AG101 and applies the declaration fix.
-- Driven by test/nvim/nvim.test.ts:
--   nvim --headless --clean -n -c 'luafile test/nvim/lsp.lua'
-- Inputs (environment): AG_NVIM_ROOT (workspace root), AG_NVIM_FILE (file to open), AG_NVIM_CMD (JSON
-- array: the server command), AG_NVIM_OUT (where to write the JSON result), AG_NVIM_MIN (diagnostics to
-- wait for, default 1), AG_NVIM_FIX (the code action title to apply, optional).
-- vim.lsp.start does not exist in 0.7: start_client + buf_attach_client.
local root = os.getenv('AG_NVIM_ROOT')
local file = os.getenv('AG_NVIM_FILE')
local out = os.getenv('AG_NVIM_OUT')
local cmd = vim.fn.json_decode(os.getenv('AG_NVIM_CMD'))
local min = tonumber(os.getenv('AG_NVIM_MIN') or '1')
local fix_title = os.getenv('AG_NVIM_FIX')
local result = { version = vim.version(), diagnostics = {}, actions = {}, errors = {} }

local function finish()
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  vim.bo.filetype = 'typescript'
  local t0 = vim.loop.hrtime()
  local id = vim.lsp.start_client({
    name = 'agent-governance',
    cmd = cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'workspace' } },
    on_exit = function(code, signal) result.server_exit = { code = code, signal = signal } end,
  })
  if not id then error('vim.lsp.start_client failed') end
  vim.lsp.buf_attach_client(0, id)
  result.attached = true
  local got = vim.wait(30000, function() return #vim.diagnostic.get(0) >= min end, 50)
  result.wait_ms = math.floor((vim.loop.hrtime() - t0) / 1e6)
  result.timed_out = not got
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    local code = d.code or lsp.code
    if type(code) == 'table' then code = code.value end
    table.insert(result.diagnostics, {
      line = d.lnum + 1, column = d.col + 1, severity = d.severity,
      code = code, source = d.source or lsp.source, message = d.message,
    })
  end
  local client = vim.lsp.get_client_by_id(id)
  result.capabilities = { hover = client.server_capabilities.hoverProvider and true or false,
    codeAction = client.server_capabilities.codeActionProvider and true or false }

  if fix_title then
    -- 0.7 keeps only the extra LSP fields (code, data …) in user_data.lsp: rebuild the diagnostic
    -- as the server sent it (range, severity, source, message) for the codeAction context.
    local target
    for _, d in ipairs(vim.diagnostic.get(0)) do
      local lsp = d.user_data and d.user_data.lsp or {}
      local code = d.code or lsp.code
      if type(code) == 'table' then code = code.value end
      if code == 'AG101' then
        target = vim.tbl_extend('force', lsp, {
          range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
          severity = d.severity, source = d.source or lsp.source, message = d.message, code = lsp.code or d.code,
        })
        break
      end
    end
    if not target then error('no AG101 diagnostic to ask a code action for') end
    local params = {
      textDocument = vim.lsp.util.make_text_document_params(0),
      range = target.range,
      context = { diagnostics = { target }, only = { 'quickfix' } },
    }
    local responses = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', params, 15000) or {}
    local chosen
    for _, r in pairs(responses) do
      for _, a in ipairs(r.result or {}) do
        table.insert(result.actions, a.title)
        if a.title == fix_title then chosen = a end
      end
    end
    if chosen then
      if not chosen.edit and not chosen.command then
        local resolved = vim.lsp.buf_request_sync(0, 'codeAction/resolve', chosen, 15000) or {}
        for _, r in pairs(resolved) do if r.result then chosen = r.result end end
      end
      if chosen.edit then vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16') end
      result.after_fix = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
    end
  end
  vim.lsp.stop_client(id)
  vim.wait(3000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
end)
if not ok then table.insert(result.errors, tostring(err)) end
finish()
