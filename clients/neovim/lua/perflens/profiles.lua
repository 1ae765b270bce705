-- :PerflensImportProfile {file} and :PerflensHotspots: load a JFR recording or collapsed stacks
-- into the server (perflens.importProfile) and list the hottest methods in the quickfix list
-- (perflens/hotspots). Every figure shown comes from the server, which names its profile.
local server = require('perflens.server')
local compat = require('perflens.compat')

local M = {}

local function fail(message)
  vim.notify('Perflens: ' .. message, vim.log.levels.WARN)
end

function M.import(path, bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local client = server.client_or_warn(bufnr)
  if not client then
    return
  end
  local absolute = vim.fn.fnamemodify(vim.fn.expand(path), ':p')
  local params = { command = 'perflens.importProfile', arguments = { absolute } }
  compat.request(client, 'workspace/executeCommand', params, function(err, result)
    if err then
      return fail('cannot import ' .. path .. ': ' .. (err.message or tostring(err)))
    end
    vim.notify('Perflens: ' .. ((result and result.summary) or ('loaded ' .. absolute)), vim.log.levels.INFO)
  end, bufnr)
end

-- The hotspots as quickfix items: file, hottest line (or the method's name), shares and name.
function M.items(result)
  local items = {}
  for _, h in ipairs((result and result.hotspots) or {}) do
    local line = h.hottestLine or (h.range and h.range.start.line) or 0
    table.insert(items, {
      filename = vim.uri_to_fname(h.uri),
      lnum = line + 1,
      text = string.format('%.1f%% own, %.1f%% total  %s  (%s)', (h.selfShare or 0) * 100,
        (h.totalShare or 0) * 100, h.name, h.profiles or ''),
    })
  end
  return items
end

function M.hotspots(bufnr, limit)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local client = server.client_or_warn(bufnr)
  if not client then
    return
  end
  compat.request(client, 'perflens/hotspots', { limit = limit or 20 }, function(err, result)
    if err then
      return fail('hotspots: ' .. (err.message or tostring(err)))
    end
    local items = M.items(result)
    if #items == 0 then
      return fail('no hotspots: load a profile first (:PerflensImportProfile {file}, or .perflens/profiles/)')
    end
    vim.fn.setqflist({}, ' ', { title = 'Perflens hotspots', items = items })
    vim.cmd('copen')
  end, bufnr)
end

return M
