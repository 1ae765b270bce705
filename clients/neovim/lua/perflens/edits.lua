-- Applying workspace edits safely: the version check Neovim skips silently, a local diff for
-- edits that come without one, and the guard for edits that ask for confirmation.
local ui = require('perflens.ui')
local compat = require('perflens.compat')

local M = {}

-- The unguarded vim.lsp.util.apply_workspace_edit, captured before the guard wraps it.
local original_apply = vim.lsp.util.apply_workspace_edit
local installed = false

local function buffer_version(bufnr)
  local versions = vim.lsp.util.buf_versions
  local v = versions and versions[bufnr]
  if v == nil then
    v = vim.b[bufnr].changedtick
  end
  return v
end

local function text_document_edits(edit)
  local result = {}
  for _, change in ipairs(edit.documentChanges or {}) do
    if change.textDocument and change.edits then
      table.insert(result, { uri = change.textDocument.uri, version = change.textDocument.version, edits = change.edits })
    end
  end
  for uri, edits in pairs(edit.changes or {}) do
    table.insert(result, { uri = uri, edits = edits })
  end
  return result
end

-- True when any change annotation of the edit has needsConfirmation set.
function M.needs_confirmation(edit)
  for _, annotation in pairs(type(edit) == 'table' and edit.changeAnnotations or {}) do
    if annotation.needsConfirmation then
      return true
    end
  end
  return false
end

-- The version each edited, loaded buffer has now: {bufnr = version}.
function M.snapshot(edit)
  local versions = {}
  for _, doc in ipairs(text_document_edits(edit)) do
    local bufnr = vim.uri_to_bufnr(doc.uri)
    if vim.api.nvim_buf_is_loaded(bufnr) then
      versions[bufnr] = buffer_version(bufnr)
    end
  end
  return versions
end

-- nil when the edit still fits its buffers, else a message. A buffer must be at the version
-- the edit names (documentChanges) and at the version it had when the preview was shown
-- (`seen`, from snapshot()), so an edit without versions is checked too.
function M.stale(edit, seen)
  local function message(bufnr, expected)
    return string.format('%s changed since this fix was computed (version %s, buffer at %s)',
      vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':t'), tostring(expected), tostring(buffer_version(bufnr)))
  end
  for _, doc in ipairs(text_document_edits(edit)) do
    local bufnr = vim.uri_to_bufnr(doc.uri)
    if vim.api.nvim_buf_is_loaded(bufnr) then
      if doc.version ~= nil and doc.version ~= vim.NIL and buffer_version(bufnr) ~= doc.version then
        return message(bufnr, doc.version)
      end
      if seen and seen[bufnr] ~= nil and buffer_version(bufnr) ~= seen[bufnr] then
        return message(bufnr, seen[bufnr])
      end
    end
  end
  return nil
end

-- Applies without asking (the caller has asked). Refuses a stale edit instead of letting
-- Neovim skip it silently (or apply it to shifted lines). Returns true when applied.
function M.apply(edit, offset_encoding, seen)
  local stale = M.stale(edit, seen)
  if stale then
    vim.notify('Perflens: not applied: ' .. stale .. '. Run :PerflensFix again.', vim.log.levels.WARN)
    return false
  end
  original_apply(edit, offset_encoding or 'utf-16')
  return true
end

-- The edit as a unified diff, computed by applying it to scratch copies of the documents.
function M.local_diff(edit, offset_encoding)
  local out = {}
  for _, doc in ipairs(text_document_edits(edit)) do
    local bufnr = vim.uri_to_bufnr(doc.uri)
    vim.fn.bufload(bufnr)
    local old = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
    local scratch = vim.api.nvim_create_buf(false, true)
    vim.api.nvim_buf_set_lines(scratch, 0, -1, false, old)
    vim.lsp.util.apply_text_edits(doc.edits, scratch, offset_encoding or 'utf-16')
    local new = vim.api.nvim_buf_get_lines(scratch, 0, -1, false)
    vim.api.nvim_buf_delete(scratch, { force = true })
    local name = vim.fn.fnamemodify(vim.uri_to_fname(doc.uri), ':.')
    table.insert(out, '--- a/' .. name)
    table.insert(out, '+++ b/' .. name)
    local hunks = compat.diff(table.concat(old, '\n') .. '\n', table.concat(new, '\n') .. '\n',
      { result_type = 'unified', ctxlen = 3 })
    table.insert(out, (hunks:gsub('\n$', '')))
  end
  for _, change in ipairs(edit.documentChanges or {}) do
    if change.kind then
      table.insert(out, string.format('%s %s', change.kind, change.uri or (change.oldUri .. ' -> ' .. change.newUri)))
    end
  end
  return table.concat(out, '\n')
end

-- Asks before applying an edit that requested confirmation; the answer comes later.
function M.confirm_and_apply(edit, offset_encoding)
  local label, description
  for _, annotation in pairs(edit.changeAnnotations or {}) do
    label = label or annotation.label
    description = description or annotation.description
  end
  local diff = M.local_diff(edit, offset_encoding)
  local seen = M.snapshot(edit)
  ui.confirm({ title = label, impact = description, diff = diff }, function()
    M.apply(edit, offset_encoding, seen)
  end)
end

-- Wraps vim.lsp.util.apply_workspace_edit so that an edit whose change annotations say
-- needsConfirmation (from a code action of any server) goes through the confirm path.
-- Other edits are applied as before.
function M.install_guard()
  if installed then
    return
  end
  installed = true
  vim.lsp.util.apply_workspace_edit = function(edit, offset_encoding, ...)
    if M.needs_confirmation(edit) then
      return M.confirm_and_apply(edit, offset_encoding)
    end
    return original_apply(edit, offset_encoding, ...)
  end
end

function M.guard_installed()
  return installed
end

return M
