-- Headless end-to-end test of the Perflens Neovim plugin against the real server.
-- Run by test/run.sh: nvim --headless -u NONE -n -i NONE -c 'luafile test/e2e.lua'
-- Environment: PERFLENS_PLUGIN (this plugin's folder), PERFLENS_JAR, PERFLENS_WORKSPACE (a copy
-- of fixtures/projects/order-service that the test may change).
local plugin = assert(os.getenv('PERFLENS_PLUGIN'), 'PERFLENS_PLUGIN is not set')
local jar = assert(os.getenv('PERFLENS_JAR'), 'PERFLENS_JAR is not set')
local workspace = assert(os.getenv('PERFLENS_WORKSPACE'), 'PERFLENS_WORKSPACE is not set')
local file = workspace .. '/src/main/java/com/example/orders/ReportService.java'
local RULE = 'string-concat-in-loop'
local TIMEOUT = 90000

vim.opt.runtimepath:prepend(plugin)
vim.cmd('filetype on')
vim.o.columns, vim.o.lines = 140, 45

local passed, failed = 0, 0
local function say(text)
  io.stdout:write(text .. '\n')
  io.stdout:flush()
end
local function test(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    passed = passed + 1
    say('ok - ' .. name)
  else
    failed = failed + 1
    say('not ok - ' .. name .. '\n  ' .. tostring(err):gsub('\n', '\n  '))
  end
end
local function wait_for(what, ms, predicate)
  if not vim.wait(ms, predicate, 50) then
    error('timed out after ' .. ms .. ' ms waiting for ' .. what, 2)
  end
end
local function contains(haystack, needle, what)
  if not tostring(haystack):find(needle, 1, true) then
    error(string.format('%s: expected to contain %q, got:\n%s', what, needle, tostring(haystack)), 2)
  end
end
local function eq(expected, actual, what)
  if not vim.deep_equal(expected, actual) then
    error(string.format('%s: expected %s, got %s', what, vim.inspect(expected), vim.inspect(actual)), 2)
  end
end

-- The confirm path asks through vim.ui.select; the test answers it.
local question
vim.ui.select = function(items, opts, on_choice)
  question = { items = items, prompt = opts and opts.prompt, answer = on_choice }
end
local function answer(choice)
  local q = assert(question, 'no question was asked')
  question = nil
  q.answer(choice)
end

local notes = {}
vim.notify = function(msg, level, opts)
  table.insert(notes, msg)
end

local java = require('perflens.java')
local perflens = require('perflens')
local server = require('perflens.server')
local ui = require('perflens.ui')
local bufnr, client, diagnostics, action, resolved

local function buffer_text()
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
end
-- Applies a unified diff (the server's preview) to lines: what the buffer must become.
local function patch(lines, diff)
  local result, next_old = {}, 1
  local diff_lines = vim.split(diff, '\n', { plain = true })
  local i = 1
  while i <= #diff_lines do
    local old_start = diff_lines[i]:match('^@@ %-(%d+)')
    if old_start then
      old_start = tonumber(old_start)
      while next_old < old_start do
        table.insert(result, lines[next_old])
        next_old = next_old + 1
      end
      i = i + 1
      while i <= #diff_lines and not diff_lines[i]:match('^@@') do
        local mark, text = diff_lines[i]:sub(1, 1), diff_lines[i]:sub(2)
        if mark == ' ' or mark == '-' then
          assert(lines[next_old] == text, 'diff does not match line ' .. next_old .. ': ' .. diff_lines[i])
          next_old = next_old + 1
        end
        if mark == ' ' or mark == '+' then
          table.insert(result, text)
        end
        i = i + 1
      end
    else
      i = i + 1
    end
  end
  while next_old <= #lines do
    table.insert(result, lines[next_old])
    next_old = next_old + 1
  end
  return result
end

local function perflens_diagnostics()
  return vim.tbl_filter(function(d) return d.source == 'perflens' end, vim.diagnostic.get(bufnr))
end
local function lsp_diagnostic(d)
  local lsp = d.user_data.lsp
  return {
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    severity = d.severity, message = d.message, source = d.source, code = d.code, data = lsp.data,
  }
end

test('Java discovery names every place it looked when no Java 17+ is found', function()
  local path, java_home = vim.env.PATH, vim.env.JAVA_HOME
  vim.env.PATH, vim.env.JAVA_HOME = '/nonexistent-bin', nil
  local found, err = java.find('/nonexistent-jdk')
  vim.env.PATH, vim.env.JAVA_HOME = path, java_home
  eq(nil, found, 'found')
  contains(err, 'Java 17 or newer', 'message')
  contains(err, '/nonexistent-jdk/bin/java (java_home option)', 'message')
  contains(err, '(PATH)', 'message')
  local ok = java.find(nil)
  assert(ok and ok.major >= 17, 'the machine has Java 17+ on PATH or JAVA_HOME')
end)

test('setup attaches the server to a Java buffer of a pom.xml root', function()
  perflens.setup({ server_path = jar, settings = { analysis = { debounceMs = 50 } } })
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  bufnr = vim.api.nvim_get_current_buf()
  eq('java', vim.bo[bufnr].filetype, 'filetype')
  wait_for('the server to initialize', TIMEOUT, function()
    client = server.client(bufnr)
    return client ~= nil and client.initialized == true
  end)
  eq(workspace, client.config.root_dir, 'root_dir')
  eq({ trusted = false, trustPrompt = false }, client.config.init_options.perflens.workspace,
    'an unknown folder starts untrusted, and the plugin asks instead of the server')
end)

test('the plugin asks once whether to trust the root, remembers the answer and tells the server', function()
  local trust = require('perflens.trust')
  local q = assert(question, 'the trust question was asked through vim.ui.select')
  contains(q.prompt, workspace .. ' is not trusted', 'prompt')
  eq({ trust.TRUST, trust.NOT_NOW }, q.items, 'choices')
  answer(trust.TRUST)
  eq(true, trust.is_trusted(workspace), 'remembered')
  local saved = table.concat(vim.fn.readfile(vim.fn.stdpath('data') .. '/perflens/trusted-folders.json'), '\n')
  contains(saved, workspace, 'trusted-folders.json')
  eq({ trusted = true, trustPrompt = false }, server.settings_for(workspace).workspace, 'what a new server of the root gets')
  -- opening another file of the same root asks nothing
  vim.cmd('edit ' .. vim.fn.fnameescape(workspace .. '/src/main/java/com/example/orders/OrderMatcher.java'))
  eq(nil, question, 'asked once')
  vim.cmd('buffer ' .. bufnr)
end)

test('lspconfig_defaults() gives nvim-lspconfig the same command, options and capabilities', function()
  local defaults = perflens.lspconfig_defaults()
  eq(client.config.cmd, defaults.cmd, 'cmd')
  eq({ perflens = { analysis = { debounceMs = 50 } } }, defaults.init_options, 'init_options')
  eq(workspace, defaults.root_dir(file), 'root_dir')
  local new_config = { init_options = defaults.init_options }
  defaults.on_new_config(new_config, workspace)
  eq(true, new_config.init_options.perflens.workspace.trusted, 'on_new_config gives the root its trust')
  eq(50, new_config.init_options.perflens.analysis.debounceMs, 'and keeps the settings')
  eq(true, defaults.capabilities.workspace.workspaceEdit.documentChanges, 'documentChanges')
  assert(defaults.handlers['$/progress'], 'progress handler')
end)

test('Perflens diagnostics arrive with code, source and FindingRef data', function()
  wait_for('Perflens diagnostics', TIMEOUT, function() return #perflens_diagnostics() >= 4 end)
  diagnostics = perflens_diagnostics()
  table.sort(diagnostics, function(a, b) return a.lnum < b.lnum end)
  for _, d in ipairs(diagnostics) do
    eq(RULE, d.code, 'code')
    local data = d.user_data.lsp.data
    eq(RULE, data.ruleId, 'data.ruleId')
    eq(vim.uri_from_bufnr(bufnr), data.uri, 'data.uri')
    assert(type(data.key) == 'string' and type(data.version) == 'number', 'data has key and version')
  end
  contains(vim.api.nvim_buf_get_lines(bufnr, diagnostics[1].lnum, diagnostics[1].lnum + 1, false)[1],
    'report += order.id()', 'first finding line')
end)

test('a quick fix is offered for the finding and resolved to an edit that needs confirmation', function()
  local d = diagnostics[1]
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = lsp_diagnostic(d).range,
    context = { diagnostics = { lsp_diagnostic(d) } },
  }
  local response = assert(client.request_sync('textDocument/codeAction', params, 20000, bufnr))
  assert(not response.err, vim.inspect(response.err))
  action = vim.tbl_filter(function(a) return a.title and a.title:find('StringBuilder', 1, true) end, response.result or {})[1]
  assert(action, 'no StringBuilder action in ' .. vim.inspect(response.result))
  eq('quickfix', action.kind, 'kind')
  eq(nil, action.edit, 'edit before resolve')
  eq(RULE, action.data.ruleId, 'action data')
  local r = assert(client.request_sync('codeAction/resolve', action, 20000, bufnr))
  assert(not r.err, vim.inspect(r.err))
  resolved = r.result
  local change = resolved.edit.documentChanges[1]
  eq(vim.uri_from_bufnr(bufnr), change.textDocument.uri, 'edited document')
  eq(diagnostics[1].user_data.lsp.data.version, change.textDocument.version, 'edited version')
  local id = change.edits[1].annotationId
  assert(id, 'edits carry an annotationId')
  eq(true, resolved.edit.changeAnnotations[id].needsConfirmation, 'needsConfirmation')
end)

test('the guard previews a code action edit and Cancel leaves the buffer unchanged', function()
  local before = buffer_text()
  vim.lsp.util.apply_workspace_edit(resolved.edit, client.offset_encoding)
  assert(question, 'applying an annotated edit must ask first')
  eq({ ui.APPLY, ui.CANCEL }, question.items, 'choices')
  assert(ui.current and vim.api.nvim_win_is_valid(ui.current.win), 'a floating window shows the change')
  local shown = table.concat(vim.api.nvim_buf_get_lines(ui.current.buf, 0, -1, false), '\n')
  contains(shown, '+++ b/', 'preview')
  contains(shown, '+        StringBuilder', 'preview')
  eq(before, buffer_text(), 'buffer while the question is open')
  answer(ui.CANCEL)
  eq(nil, ui.current, 'preview closed')
  eq(before, buffer_text(), 'buffer after Cancel')
end)

local preview_lines, preview_diff
test(':PerflensFix shows the diff from perflens/previewFix in a floating window', function()
  vim.api.nvim_win_set_cursor(0, { diagnostics[1].lnum + 1, diagnostics[1].col })
  vim.cmd('PerflensFix')
  wait_for('the confirm question', 20000, function() return question ~= nil end)
  assert(ui.current and vim.api.nvim_win_is_valid(ui.current.win), 'a floating window is open')
  eq('editor', vim.api.nvim_win_get_config(ui.current.win).relative, 'window is floating')
  preview_lines = vim.api.nvim_buf_get_lines(ui.current.buf, 0, -1, false)
  local shown = table.concat(preview_lines, '\n')
  contains(preview_lines[1], 'StringBuilder', 'title line')
  contains(shown, 'Impact: O(n^2) -> O(n)', 'impact line')
  contains(shown, '--- a/src/main/java/com/example/orders/ReportService.java', 'diff header')
  contains(shown, '+++ b/src/main/java/com/example/orders/ReportService.java', 'diff header')
  contains(shown, '-            report += order.id() + ",";', 'removed line')
  eq('diff', vim.bo[ui.current.buf].filetype, 'preview filetype')
  local first_hunk = shown:find('--- a/', 1, true)
  preview_diff = shown:sub(first_hunk)
end)

test('Apply changes the buffer to exactly the previewed text', function()
  local before = buffer_text()
  local expected = patch(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), preview_diff)
  answer(ui.APPLY)
  wait_for('the edit', 5000, function() return buffer_text() ~= before end)
  eq(table.concat(expected, '\n'), buffer_text(), 'buffer = old text with the previewed diff applied')
  local text = buffer_text()
  assert(not text:find('report += order.id()', 1, true), 'the concatenation is gone:\n' .. text)
  contains(text, 'StringBuilder', 'buffer')
  contains(text, 'return report;', 'buffer')
end)

test('diagnostics are refreshed after the fix: the fixed finding is gone', function()
  wait_for('3 Perflens diagnostics', TIMEOUT, function() return #perflens_diagnostics() == 3 end)
  for _, d in ipairs(perflens_diagnostics()) do
    assert(not vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1]:find('report', 1, true),
      'no finding left on a report line')
  end
end)

test('a preview is not applied when the buffer changed before the answer', function()
  local d = perflens_diagnostics()[1]
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  vim.cmd('PerflensFix')
  wait_for('the confirm question', 20000, function() return question ~= nil end)
  vim.api.nvim_buf_set_lines(bufnr, 0, 0, false, { '// edited while the preview was open' })
  local before = buffer_text()
  notes = {}
  answer(ui.APPLY)
  eq(before, buffer_text(), 'buffer')
  contains(table.concat(notes, '\n'), 'changed since this fix was computed', 'message')
end)

test('$/progress is shown in the command line', function()
  local handler = client.handlers and client.handlers['$/progress'] or client.config.handlers['$/progress']
  assert(handler, 'the client has a $/progress handler')
  local ctx = { client_id = client.id, method = '$/progress' }
  pcall(handler, nil, { token = 't1', value = { kind = 'begin', title = 'Benchmark', percentage = 0 } }, ctx, {})
  handler(nil, { token = 't1', value = { kind = 'report', message = 'forking JVM', percentage = 40 } }, ctx, {})
  eq('Perflens: Benchmark: forking JVM (40%)', require('perflens.progress').last, 'echoed text')
  pcall(handler, nil, { token = 't2', value = { kind = 'begin', title = 'Perflens: analysing order-service' } }, ctx, {})
  eq('Perflens: analysing order-service', require('perflens.progress').last, 'the prefix is said once')
  pcall(handler, nil, { token = 't1', value = { kind = 'end' } }, ctx, {})
end)

test(':PerflensImportProfile loads the recorded fixture profile and :PerflensHotspots lists OrderMatcher first', function()
  local profile = vim.fn.fnamemodify(plugin .. '/../../fixtures/profiles/order-service.jfr', ':p')
  local notes = {}
  local notify = vim.notify
  vim.notify = function(message) table.insert(notes, message) end
  vim.cmd('PerflensImportProfile ' .. vim.fn.fnameescape(profile))
  wait_for('the import to finish', TIMEOUT, function() return #notes > 0 end)
  vim.notify = notify
  contains(table.concat(notes, '\n'), 'order-service.jfr', 'import message')
  vim.fn.setqflist({}, 'r')
  vim.cmd('PerflensHotspots')
  wait_for('the hotspots quickfix list', TIMEOUT, function() return #vim.fn.getqflist() > 0 end)
  local first = vim.fn.getqflist()[1]
  contains(vim.api.nvim_buf_get_name(first.bufnr), 'OrderMatcher.java', 'first hotspot file')
  contains(first.text, 'OrderMatcher.matchOrders', 'first hotspot')
  vim.cmd('cclose')
end)

-- What the plugin echoes in the command line (progress), as the user would see it.
local echoed = {}
local echo = vim.api.nvim_echo
vim.api.nvim_echo = function(chunks, history, opts)
  table.insert(echoed, table.concat(vim.tbl_map(function(c) return c[1] end, chunks)))
  return echo(chunks, history, opts)
end
local benchmark = require('perflens.benchmark')
local matcher_buf, matcher_finding

test(':PerflensBenchmark measures the fix under the cursor: progress in the command line, the result and report in a float', function()
  vim.cmd('edit ' .. vim.fn.fnameescape(workspace .. '/src/main/java/com/example/orders/OrderMatcher.java'))
  matcher_buf = vim.api.nvim_get_current_buf()
  wait_for('the list-membership-in-loop finding', TIMEOUT, function()
    for _, d in ipairs(vim.diagnostic.get(matcher_buf)) do
      if d.source == 'perflens' and d.code == 'list-membership-in-loop' then
        matcher_finding = d
        return true
      end
    end
    return false
  end)
  vim.api.nvim_win_set_cursor(0, { matcher_finding.lnum + 1, matcher_finding.col })
  echoed, notes = {}, {}
  vim.cmd('PerflensBenchmark')
  assert(benchmark.running, 'the request was sent')
  wait_for('the benchmark result', 240000, function() return benchmark.last ~= nil end)
  assert(benchmark.last.result, 'benchmark failed: ' .. vim.inspect(benchmark.last.err))
  local result = benchmark.last.result
  local progress = vim.tbl_filter(function(t) return t:find('Perflens: Benchmark', 1, true) == 1 end, echoed)
  assert(#progress >= 3, 'progress echoed: ' .. vim.inspect(echoed))
  assert(vim.tbl_filter(function(t) return t:find(': fork %d+/%d+') and t:find('%(%d+%%%)') end, progress)[1],
    'fork progress with a percentage: ' .. vim.inspect(progress))
  contains(progress[#progress], result.summary, 'last progress message')
  eq('list-membership-in-loop', result.ruleId, 'ruleId')
  local largest = result.rows[#result.rows]
  for _, figure in ipairs({ 'originalScore', 'fixedScore', 'speedup', 'speedupLow', 'speedupHigh' }) do
    assert(type(largest[figure]) == 'number' and largest[figure] > 0, figure .. ': ' .. vim.inspect(largest[figure]))
  end
  local report = vim.uri_to_fname(result.markdownUri)
  assert(vim.loop.fs_stat(report), 'the report exists: ' .. report)
  local win = benchmark.last.win
  assert(win and vim.api.nvim_win_is_valid(win), 'a window shows the result')
  eq('editor', vim.api.nvim_win_get_config(win).relative, 'the window is floating')
  local shown = table.concat(vim.api.nvim_buf_get_lines(benchmark.last.buf, 0, -1, false), '\n')
  contains(shown, result.summary, 'result window')
  contains(shown, 'speed-up ', 'result window')
  contains(shown, '99.9% interval', 'result window')
  contains(shown, '| n |', 'result window table')
  contains(shown, 'Report: ' .. report, 'result window')
  contains(table.concat(notes, '\n'), 'report: ' .. report, 'message')
  vim.api.nvim_win_close(win, true)
end)

test(':PerflensBenchmarkCancel sends $/cancelRequest and the server stops the run', function()
  vim.api.nvim_set_current_buf(matcher_buf)
  vim.api.nvim_win_set_cursor(0, { matcher_finding.lnum + 1, matcher_finding.col })
  benchmark.last, echoed = nil, {}
  vim.cmd('PerflensBenchmark')
  local token = benchmark.running.token
  wait_for('progress of the second run', 120000, function()
    return vim.tbl_filter(function(t) return t:find('%(%d+%%%)') end, echoed)[1] ~= nil
  end)
  vim.cmd('PerflensBenchmarkCancel')
  wait_for('the canceled response', 30000, function() return benchmark.last ~= nil end)
  eq(-32800, benchmark.last.err and benchmark.last.err.code, 'RequestCancelled')
  eq(nil, benchmark.running, 'nothing runs')
  wait_for('the server to end the progress as canceled', 20000, function()
    return vim.tbl_filter(function(t) return t:find('canceled - done', 1, true) end, echoed)[1] ~= nil
  end)
  assert(token:find('perflens-nvim-benchmark-', 1, true), token)
end)

test(':checkhealth perflens reports Java, the jar and the running server', function()
  vim.cmd('checkhealth perflens')
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  vim.cmd('bwipeout!')
  contains(text, 'OK: server: ' .. jar, 'health')
  contains(text, 'OK: Java 17', 'health')
  contains(text, 'OK: client ' .. client.id .. ': running', 'health')
  contains(text, workspace .. ' is trusted', 'health')
  assert(not text:find('ERROR'), 'no errors:\n' .. text)
end)

for _, c in ipairs(server.clients()) do
  c.stop()
end
vim.wait(5000, function() return #server.clients() == 0 end, 50)
say(string.format('%d passed, %d failed', passed, failed))
if failed > 0 then
  vim.cmd('cquit 1')
else
  vim.cmd('qall!')
end
