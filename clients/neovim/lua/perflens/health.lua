-- :checkhealth perflens: Neovim, Java, the server jar and the state of the running servers.
local M = {}

local report
if vim.health and vim.health.start then
  report = { start = vim.health.start, ok = vim.health.ok, warn = vim.health.warn, error = vim.health.error, info = vim.health.info }
else
  local h = vim.health or require('health')
  report = { start = h.report_start, ok = h.report_ok, warn = h.report_warn, error = h.report_error, info = h.report_info }
end

function M.check()
  local config = require('perflens.config')
  local java = require('perflens.java')
  local server = require('perflens.server')
  local edits = require('perflens.edits')
  local o = config.options

  report.start('perflens: setup')
  if vim.fn.has('nvim-0.7') == 1 then
    report.ok('Neovim ' .. tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch)
  else
    report.error('Neovim 0.7 or newer is needed')
  end
  if require('perflens').did_setup then
    report.ok("require('perflens').setup{} has run")
  else
    report.warn("require('perflens').setup{} has not run: nothing attaches to Java buffers")
  end
  if edits.guard_installed() then
    report.ok('edits that need confirmation are previewed before they are applied')
  else
    report.warn('guard_annotated_edits is off: code actions apply Perflens fixes without asking')
  end

  report.start('perflens: Java and server')
  if o.cmd then
    report.info('server command (cmd option): ' .. table.concat(o.cmd, ' '))
  else
    local path, source = config.server_path()
    if vim.loop.fs_stat(path) then
      report.ok('server: ' .. path .. ' (from ' .. source .. ')')
    else
      report.error('server not found: ' .. path .. ' (from ' .. source .. ')',
        { 'build it: mvn -B -q package -DskipTests in the Perflens checkout', 'or set server_path in setup{}' })
    end
    if path:match('%.jar$') then
      local found, err = java.find(o.java_home)
      if found then
        report.ok(string.format('Java %s: %s (from %s)', found.version, found.path, found.source))
      else
        report.error(err)
      end
    end
  end
  if server.state.start_error then
    report.error('last start failed: ' .. server.state.start_error)
  end

  report.start('perflens: servers')
  local clients = server.clients()
  if #clients == 0 then
    report.info('no Perflens server is running (open a Java file to start one)')
  end
  for _, client in ipairs(clients) do
    local buffers = vim.tbl_keys(client.attached_buffers or {})
    local state = require('perflens.compat').is_stopped(client) and 'stopped' or (client.initialized and 'running' or 'starting')
    local info = client.server_info or (client.initialize_result and client.initialize_result.serverInfo)
    local version = info and info.version and (' ' .. info.version) or ''
    local text = string.format('client %d: %s%s, root %s, %d buffer(s) attached', client.id, state, version,
      client.config.root_dir or '?', #buffers)
    if state == 'running' then
      report.ok(text)
    else
      report.warn(text)
    end
    if client.config.root_dir then
      if require('perflens.trust').is_trusted(client.config.root_dir) then
        report.info(client.config.root_dir .. ' is trusted: the server may run its Maven build, ./mvnw and benchmarks')
      else
        report.info(client.config.root_dir .. ' is not trusted: the server runs none of its code (:PerflensTrust)')
      end
    end
  end
  for root, exit in pairs(server.state.exits) do
    local text = string.format('server for %s exited at %s with code %s', root, exit.time, tostring(exit.code))
    if exit.code == 0 then
      report.info(text)
    else
      report.warn(text, { 'see the LSP log: ' .. vim.lsp.get_log_path() })
    end
  end
  report.info('LSP log: ' .. vim.lsp.get_log_path() .. ' (trace: ' .. tostring(o.trace) .. ')')
end

return M
