-- Workspace trust: a folder's build tool, ./mvnw and benchmarks run code the folder chooses, so the
-- server runs them only in a trusted folder. The plugin asks once per root (vim.ui.select), remembers
-- the roots you trusted in stdpath('data')/perflens/trusted-folders.json, and tells the server
-- (perflens.workspace.trusted in initializationOptions, and workspace/didChangeConfiguration when
-- you trust a folder later). The server's own question is turned off (workspace.trustPrompt = false).
local M = {}

M.TRUST = 'Trust this folder'
M.NOT_NOW = 'Not now'
-- Roots asked about in this session (asked once each).
local asked = {}

function M.file()
  return vim.fn.stdpath('data') .. '/perflens/trusted-folders.json'
end

local function normalize(root)
  return vim.fn.fnamemodify(root, ':p'):gsub('/$', '')
end

-- The remembered roots, as a set.
function M.load()
  local ok, lines = pcall(vim.fn.readfile, M.file())
  if not ok or #lines == 0 then
    return {}
  end
  local decoded_ok, list = pcall(vim.fn.json_decode, table.concat(lines, '\n'))
  local set = {}
  if decoded_ok and type(list) == 'table' then
    for _, root in ipairs(list) do
      if type(root) == 'string' then
        set[root] = true
      end
    end
  end
  return set
end

local function save(set)
  local list = vim.tbl_keys(set)
  table.sort(list)
  vim.fn.mkdir(vim.fn.fnamemodify(M.file(), ':h'), 'p')
  -- write a temporary file, then rename: a crash never leaves half a list
  local temporary = M.file() .. '.tmp'
  vim.fn.writefile({ vim.fn.json_encode(list) }, temporary)
  vim.loop.fs_rename(temporary, M.file())
end

function M.is_trusted(root)
  return M.load()[normalize(root)] == true
end

-- Remembers (or forgets) the root and tells its running server.
function M.set(root, trusted)
  local set = M.load()
  set[normalize(root)] = trusted or nil
  save(set)
  for _, client in ipairs(require('perflens.server').clients()) do
    if client.config.root_dir and normalize(client.config.root_dir) == normalize(root) then
      require('perflens.compat').notify(client, 'workspace/didChangeConfiguration',
        { settings = { perflens = { workspace = { trusted = trusted, trustPrompt = false } } } })
    end
  end
end

-- :PerflensTrust / :PerflensUntrust: the root of the current buffer (its server's, else the markers').
function M.trust_current(trusted)
  local server = require('perflens.server')
  local client = server.client()
  local root = client and client.config.root_dir
    or server.root_dir(vim.api.nvim_buf_get_name(0), require('perflens.config').options.root_markers)
  M.set(root, trusted)
  vim.notify(string.format('Perflens: %s is %s', normalize(root), trusted and 'trusted' or 'no longer trusted'
    .. ' (what already ran stays; :PerflensRestart for a fresh start)'))
end

-- What the server gets in initializationOptions for this root.
function M.settings(root)
  return { trusted = M.is_trusted(root), trustPrompt = false }
end

-- Asks once per session whether to trust an untrusted root; on_trusted runs when you say yes.
function M.ask_once(root, on_trusted)
  root = normalize(root)
  if M.is_trusted(root) or asked[root] then
    return
  end
  asked[root] = true
  vim.ui.select({ M.TRUST, M.NOT_NOW }, {
    prompt = 'Perflens: ' .. root .. ' is not trusted. Until you trust it, Perflens runs none of its code (no Maven,'
      .. ' no ./mvnw, no benchmark) and uses only the jars it finds in ~/.m2. Trust it?',
  }, function(choice)
    if choice == M.TRUST then
      M.set(root, true)
      if on_trusted then
        on_trusted()
      end
    end
  end)
end

-- window/showMessageRequest through vim.ui.select (the server asks this before a benchmark in an
-- untrusted folder). With a picker that answers later, the request is answered as dismissed and a
-- later "trust" choice is remembered all the same.
function M.show_message_request(_, result, ctx)
  if type(result) ~= 'table' or type(result.actions) ~= 'table' or #result.actions == 0 then
    vim.notify(result and result.message or '', vim.log.levels.INFO)
    return vim.NIL
  end
  local titles = vim.tbl_map(function(action) return action.title end, result.actions)
  local chosen, answered = nil, false
  vim.ui.select(titles, { prompt = result.message }, function(choice)
    local client = ctx and vim.lsp.get_client_by_id(ctx.client_id)
    if choice and choice:lower():find('trust', 1, true) and client and client.config.root_dir then
      M.set(client.config.root_dir, true)
    end
    if not answered then
      chosen = choice
    end
  end)
  answered = true
  for _, action in ipairs(result.actions) do
    if action.title == chosen then
      return action
    end
  end
  return vim.NIL
end

return M
