-- Shows the server's $/progress (work done progress) in the command line.
local M = {}

local titles = {}

function M.format(value, title)
  -- the server's titles may say "Perflens: ..." already: say it once
  local text = 'Perflens: ' .. ((title or 'working'):gsub('^Perflens: ', ''))
  if value.message and value.message ~= '' then
    text = text .. ': ' .. value.message
  end
  if value.percentage then
    text = text .. string.format(' (%d%%)', value.percentage)
  end
  if value.kind == 'end' then
    text = text .. ' - done'
  end
  return text
end

function M.handler(err, result, ctx, cfg)
  local default = vim.lsp.handlers['$/progress']
  if default then
    default(err, result, ctx, cfg)
  end
  if err or type(result) ~= 'table' or type(result.value) ~= 'table' then
    return
  end
  local token = tostring(result.token)
  if result.value.kind == 'begin' then
    titles[token] = result.value.title
  end
  local text = M.format(result.value, titles[token])
  if result.value.kind == 'end' then
    titles[token] = nil
  end
  M.last = text
  vim.api.nvim_echo({ { text } }, false, {})
end

return M
