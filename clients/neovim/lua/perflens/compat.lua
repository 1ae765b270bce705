-- Client methods across Neovim versions: 0.7-0.10 call them with a dot (client.request(...)),
-- 0.11 made them methods (client:request(...)) and deprecated the dot form.
local M = {}

local methods = vim.fn.has('nvim-0.11') == 1

local function call(client, name, ...)
  if methods then
    return client[name](client, ...)
  end
  return client[name](...)
end

function M.request(client, method, params, handler, bufnr)
  return call(client, 'request', method, params, handler, bufnr)
end

function M.cancel_request(client, id)
  return call(client, 'cancel_request', id)
end

function M.notify(client, method, params)
  return call(client, 'notify', method, params)
end

function M.stop(client)
  return call(client, 'stop')
end

function M.is_stopped(client)
  return call(client, 'is_stopped')
end

-- vim.text.diff from 0.12 on, vim.diff before.
M.diff = (vim.text and vim.text.diff) or vim.diff

return M
