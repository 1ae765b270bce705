-- Starts the Perflens server and attaches it to Java buffers: vim.lsp.start on Neovim 0.8+,
-- vim.lsp.start_client + vim.lsp.buf_attach_client (one client per root) on 0.7.
local config = require('perflens.config')
local java = require('perflens.java')
local progress = require('perflens.progress')
local compat = require('perflens.compat')
local trust = require('perflens.trust')

local M = {}

M.NAME = 'perflens'
-- What :checkhealth reports: the last start problem and the last exit per root.
M.state = { start_error = nil, exits = {}, clients_by_root = {} }

local function exists(path)
  return vim.loop.fs_stat(path) ~= nil
end

-- The folder above `path` holding one of the markers, nearest first; the file's folder otherwise.
function M.root_dir(path, markers)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  local current = dir
  while true do
    for _, marker in ipairs(markers) do
      if exists(current .. '/' .. marker) then
        return current
      end
    end
    local parent = vim.fn.fnamemodify(current, ':h')
    if parent == current then
      return dir
    end
    current = parent
  end
end

-- The command that starts the server, or nil and a message saying what is missing.
function M.command()
  local o = config.options
  if o.cmd then
    return o.cmd
  end
  local path, source = config.server_path()
  if not exists(path) then
    return nil, string.format('Perflens server not found at %s (from %s). Build it with '
      .. '`mvn -B -q package -DskipTests` in the Perflens checkout, or set server_path.', path, source)
  end
  if not path:match('%.jar$') then
    return { path, 'lsp' }
  end
  local found, err = java.find(o.java_home)
  if not found then
    return nil, err
  end
  local cmd = { found.path }
  vim.list_extend(cmd, o.jvm_args or {})
  vim.list_extend(cmd, { '-jar', path, 'lsp' })
  return cmd
end

-- Neovim's capabilities plus what this plugin adds: document changes (Neovim applies them, with
-- a version check, but 0.7 does not say so) and, with the guard on, change annotations, since
-- the guard then honours needsConfirmation.
function M.capabilities()
  local o = config.options
  local ours = { workspace = { workspaceEdit = { documentChanges = true } } }
  if o.guard_annotated_edits then
    ours.workspace.workspaceEdit.changeAnnotationSupport = { groupsOnLabel = false }
  end
  return vim.tbl_deep_extend('force', vim.lsp.protocol.make_client_capabilities(), ours, o.capabilities or {})
end

function M.handlers()
  local handlers = { ['window/showMessageRequest'] = trust.show_message_request }
  if config.options.progress then
    handlers['$/progress'] = progress.handler
  end
  return handlers
end

-- The settings the server gets for a root: the settings option, with the root's trust (never from the option).
function M.settings_for(root)
  return vim.tbl_deep_extend('force', vim.deepcopy(config.options.settings or {}), { workspace = trust.settings(root) })
end

local function client_config(root, cmd)
  local o = config.options
  local settings = M.settings_for(root)
  return {
    name = M.NAME,
    cmd = cmd,
    root_dir = root,
    init_options = { perflens = settings },
    settings = { perflens = settings },
    capabilities = M.capabilities(),
    handlers = M.handlers(),
    trace = o.trace,
    on_attach = o.on_attach,
    on_exit = function(code, signal)
      M.state.exits[root] = { code = code, signal = signal, time = os.date('%H:%M:%S') }
    end,
  }
end

local function notify_once(msg)
  if M.state.start_error ~= msg then
    vim.notify(msg, vim.log.levels.ERROR)
  end
  M.state.start_error = msg
end

-- Starts (or reuses) the client for the buffer's root and attaches it; returns the client id.
function M.attach(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  local cmd, err = M.command()
  if not cmd then
    notify_once(err)
    return nil
  end
  M.state.start_error = nil
  local root = M.root_dir(name, config.options.root_markers)
  local cfg = client_config(root, cmd)
  if config.options.trust_prompt then
    trust.ask_once(root)
  end
  if vim.lsp.start then
    return vim.lsp.start(cfg, { bufnr = bufnr })
  end
  local id = M.state.clients_by_root[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or compat.is_stopped(client) then
    id = vim.lsp.start_client(cfg)
    if not id then
      notify_once('Perflens: the server did not start: ' .. table.concat(cmd, ' '))
      return nil
    end
    M.state.clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

-- Perflens clients, all or those attached to one buffer (vim.lsp.get_clients on 0.10+).
function M.clients(bufnr)
  local all
  if vim.lsp.get_clients then
    all = vim.lsp.get_clients({ bufnr = bufnr })
  elseif bufnr then
    all = vim.tbl_values(vim.lsp.buf_get_clients(bufnr))
  else
    all = vim.lsp.get_active_clients()
  end
  return vim.tbl_filter(function(client) return client.name == M.NAME end, all)
end

-- The Perflens client attached to the buffer, if any.
function M.client(bufnr)
  return M.clients(bufnr or vim.api.nvim_get_current_buf())[1]
end

-- The Perflens client attached to the buffer, or nil after a warning that none is.
function M.client_or_warn(bufnr)
  local client = M.client(bufnr)
  if not client then
    vim.notify('Perflens: no Perflens server is attached to this buffer', vim.log.levels.WARN)
  end
  return client
end

-- Stops every Perflens client and attaches the Java buffers again.
function M.restart()
  local buffers = {}
  for _, client in ipairs(M.clients()) do
    for bufnr in pairs(client.attached_buffers or {}) do
      table.insert(buffers, bufnr)
    end
    compat.stop(client)
  end
  M.state.clients_by_root = {}
  vim.wait(5000, function() return #M.clients() == 0 end, 50)
  for _, bufnr in ipairs(buffers) do
    if vim.api.nvim_buf_is_loaded(bufnr) then
      M.attach(bufnr)
    end
  end
end

return M
