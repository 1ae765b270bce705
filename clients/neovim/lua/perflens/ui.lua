-- The confirm path: a floating window with the change as a unified diff, then a question.
-- Nothing is applied unless the answer is "Apply". The question goes through vim.ui.select,
-- so a picker plugin (or a test) can answer it.
local M = {}

M.APPLY = 'Apply'
M.CANCEL = 'Cancel'
-- The open preview ({buf = , win = }) while a question is pending.
M.current = nil

local function close()
  if M.current and vim.api.nvim_win_is_valid(M.current.win) then
    vim.api.nvim_win_close(M.current.win, true)
  end
  M.current = nil
end

-- A floating window in the middle of the editor showing `lines`; focus = true enters it (then
-- q or <Esc> closes it). Returns its buffer and window.
function M.open_float(lines, filetype, focus)
  local buf = vim.api.nvim_create_buf(false, true)
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].filetype = filetype
  vim.bo[buf].modifiable = false
  vim.bo[buf].bufhidden = 'wipe'
  local width = 20
  for _, line in ipairs(lines) do
    width = math.max(width, vim.fn.strdisplaywidth(line))
  end
  width = math.min(width + 2, math.max(20, vim.o.columns - 4))
  local height = math.min(#lines, math.max(3, vim.o.lines - 6))
  local win = vim.api.nvim_open_win(buf, focus == true, {
    relative = 'editor',
    row = math.max(0, math.floor((vim.o.lines - height) / 2) - 1),
    col = math.max(0, math.floor((vim.o.columns - width) / 2)),
    width = width,
    height = height,
    style = 'minimal',
    border = 'rounded',
  })
  if focus then
    for _, key in ipairs({ 'q', '<Esc>' }) do
      vim.api.nvim_buf_set_keymap(buf, 'n', key, '<cmd>close<cr>', { noremap = true, silent = true })
    end
  end
  return buf, win
end

-- Opens the preview; returns its buffer and window.
function M.open_preview(preview)
  close()
  local lines = { preview.title or 'Perflens fix' }
  if preview.impact and preview.impact ~= '' then
    table.insert(lines, 'Impact: ' .. preview.impact)
  end
  table.insert(lines, '')
  for _, line in ipairs(vim.split(preview.diff or '', '\n', { plain = true })) do
    table.insert(lines, line)
  end
  while #lines > 0 and lines[#lines] == '' do
    table.remove(lines)
  end
  local buf, win = M.open_float(lines, 'diff', false)
  M.current = { buf = buf, win = win, lines = lines }
  return buf, win
end

-- Shows the preview and asks; on_apply() runs only after the user chose Apply.
function M.confirm(preview, on_apply)
  M.open_preview(preview)
  vim.cmd('redraw')
  vim.ui.select({ M.APPLY, M.CANCEL }, {
    prompt = 'Perflens: apply this change?',
    kind = 'perflens.confirm',
  }, function(choice)
    close()
    if choice == M.APPLY then
      on_apply()
    else
      vim.notify('Perflens: change not applied', vim.log.levels.INFO)
    end
  end)
end

return M
