-- :PerflensFix: the fix of the finding under the cursor, shown as the server's unified diff
-- (perflens/previewFix) and applied only after the user confirms.
local server = require('perflens.server')
local edits = require('perflens.edits')
local ui = require('perflens.ui')
local compat = require('perflens.compat')

local M = {}

local CONTENT_MODIFIED = -32801

local function lsp_data(diagnostic)
  local lsp = diagnostic.user_data and diagnostic.user_data.lsp
  return lsp and lsp.data
end

-- The Perflens diagnostic under the cursor (or the first on the cursor's line).
function M.finding_at_cursor(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local cursor = vim.api.nvim_win_get_cursor(0)
  local row, col = cursor[1] - 1, cursor[2]
  local on_line = vim.tbl_filter(function(d)
    return d.source == 'perflens' and lsp_data(d) ~= nil
  end, vim.diagnostic.get(bufnr, { lnum = row }))
  for _, d in ipairs(on_line) do
    if col >= d.col and (d.end_lnum > row or col <= d.end_col) then
      return d
    end
  end
  return on_line[1]
end

local function fail(message)
  vim.notify('Perflens: ' .. message, vim.log.levels.WARN)
end

-- Requests the preview for one diagnostic and runs the confirm path with it.
function M.preview(bufnr, diagnostic)
  local client = server.client(bufnr)
  if not client then
    return fail('no Perflens server is attached to this buffer')
  end
  local ref = lsp_data(diagnostic)
  compat.request(client, 'perflens/previewFix', ref, function(err, result)
    if err then
      if err.code == CONTENT_MODIFIED then
        return fail('the buffer changed since this finding was reported; wait for the diagnostics and try again')
      end
      return fail(err.message or tostring(err))
    end
    if not result or not result.edit then
      return fail('the server returned no fix')
    end
    -- The buffer must still be at the version the finding (and so the diff) was computed on.
    local seen = { [bufnr] = ref.version }
    ui.confirm(result, function()
      if edits.apply(result.edit, client.offset_encoding, seen) then
        vim.notify('Perflens: applied "' .. (result.title or 'fix') .. '"', vim.log.levels.INFO)
      end
    end)
  end, bufnr)
end

-- :PerflensFix
function M.fix_at_cursor()
  local bufnr = vim.api.nvim_get_current_buf()
  local diagnostic = M.finding_at_cursor(bufnr)
  if not diagnostic then
    return fail('no Perflens finding on this line')
  end
  M.preview(bufnr, diagnostic)
end

return M
