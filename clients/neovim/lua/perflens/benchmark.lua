-- :PerflensBenchmark: measures the fix of the Perflens finding under the cursor (or, without one,
-- the method around the cursor) with the server's perflens/benchmark. Progress arrives as
-- $/progress on our token and is echoed in the command line (perflens.progress); the result,
-- with the speed-up and its interval as the server measured them and the report's path, opens in
-- a floating window. :PerflensBenchmarkCancel sends $/cancelRequest, which stops the run.
local server = require('perflens.server')
local compat = require('perflens.compat')
local fix = require('perflens.fix')
local ui = require('perflens.ui')

local M = {}

local REQUEST_CANCELLED = -32800
local runs = 0
-- The run in progress ({client =, id =, token =}), and the last outcome ({result =} or {err =}).
M.running = nil
M.last = nil

-- "342x", "12.3x", "0.279x"
local function times(value)
  if value >= 100 then
    return string.format('%.0fx', value)
  elseif value >= 10 then
    return string.format('%.1fx', value)
  end
  return string.format('%.3gx', value)
end

-- The speed-up at the largest measured size with its 99.9% interval, or nil.
function M.speedup_text(result)
  local rows = result.rows or {}
  local largest = rows[#rows]
  if not largest or type(largest.speedup) ~= 'number' then
    return nil
  end
  local interval = ''
  if type(largest.speedupLow) == 'number' and type(largest.speedupHigh) == 'number' then
    interval = string.format(' (99.9%% interval %s to %s)', times(largest.speedupLow), times(largest.speedupHigh))
  end
  return string.format('speed-up %s%s at n=%d', times(largest.speedup), interval, largest.size)
end

-- The lines of the result window.
function M.lines(result)
  local lines = { 'Perflens benchmark: ' .. (result.method or '?') }
  if result.fixTitle and result.fixTitle ~= vim.NIL then
    table.insert(lines, 'Fix: ' .. result.fixTitle)
  end
  table.insert(lines, result.summary or '')
  local speedup = M.speedup_text(result)
  if speedup then
    table.insert(lines, speedup)
  end
  table.insert(lines, '')
  vim.list_extend(lines, vim.split(result.table or '', '\n', { plain = true, trimempty = true }))
  table.insert(lines, '')
  for _, note in ipairs(result.notes or {}) do
    table.insert(lines, '- ' .. note)
  end
  table.insert(lines, (result.settings or '') .. '; ' .. (result.jdk or ''))
  if result.markdownUri and result.markdownUri ~= vim.NIL then
    table.insert(lines, 'Report: ' .. vim.uri_to_fname(result.markdownUri))
  end
  return lines
end

local function target(bufnr)
  local diagnostic = fix.finding_at_cursor(bufnr)
  local data = diagnostic and diagnostic.user_data and diagnostic.user_data.lsp and diagnostic.user_data.lsp.data
  if data and diagnostic.code ~= 'hot-method' then
    return { finding = data }
  end
  local cursor = vim.api.nvim_win_get_cursor(0)
  return { uri = vim.uri_from_bufnr(bufnr), position = { line = cursor[1] - 1, character = cursor[2] } }
end

local function finished(err, result)
  M.running = nil
  if err then
    M.last = { err = err }
    if err.code == REQUEST_CANCELLED then
      return vim.notify('Perflens: benchmark canceled', vim.log.levels.INFO)
    end
    return vim.notify('Perflens: the benchmark failed: ' .. (err.message or tostring(err)), vim.log.levels.ERROR)
  end
  M.last = { result = result }
  local buf, win = ui.open_float(M.lines(result), 'markdown', true)
  M.last.buf, M.last.win = buf, win
  local report = result.markdownUri and result.markdownUri ~= vim.NIL and vim.uri_to_fname(result.markdownUri) or nil
  vim.notify('Perflens: ' .. (result.summary or 'measured') .. (report and ('; report: ' .. report) or ''), vim.log.levels.INFO)
end

-- :PerflensBenchmark
function M.run(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local client = server.client_or_warn(bufnr)
  if not client then
    return
  end
  if M.running then
    return vim.notify('Perflens: a benchmark is running (:PerflensBenchmarkCancel stops it)', vim.log.levels.WARN)
  end
  runs = runs + 1
  local params = target(bufnr)
  params.workDoneToken = 'perflens-nvim-benchmark-' .. runs
  local run = { client = client, token = params.workDoneToken }
  local ok, id = compat.request(client, 'perflens/benchmark', params, function(err, result)
    vim.schedule(function()
      if M.running == run then -- not canceled meanwhile
        finished(err, result)
      end
    end)
  end, bufnr)
  if ok then
    run.id = id
    M.running = run
  end
end

-- :PerflensBenchmarkCancel. Neovim drops the server's RequestCancelled answer without calling
-- the handler, so the run ends here; the server's $/progress "canceled" follows in the command line.
function M.cancel()
  local run = M.running
  if not run then
    return vim.notify('Perflens: no benchmark is running', vim.log.levels.INFO)
  end
  compat.cancel_request(run.client, run.id)
  finished({ code = REQUEST_CANCELLED, message = 'canceled' })
end

return M
