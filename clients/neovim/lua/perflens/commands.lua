-- The user commands. Each entry is registered by setup(); a command whose server side does
-- not exist yet is not listed here (see PLANNED below), so nothing pretends to work.
local M = {}

M.available = {
  {
    name = 'PerflensFix',
    desc = 'Preview the fix of the Perflens finding under the cursor and apply it after you confirm',
    run = function() require('perflens.fix').fix_at_cursor() end,
  },
  {
    name = 'PerflensRestart',
    desc = 'Restart the Perflens server',
    run = function() require('perflens.server').restart() end,
  },
}

-- Added together with their server side (the benchmark and profile work); each needs the
-- request or command named here before it can be registered above.
M.PLANNED = {
  { name = 'PerflensBenchmark', needs = 'workspace/executeCommand perflens.benchmark with $/progress' },
  { name = 'PerflensImportProfile', nargs = 1, needs = 'workspace/executeCommand perflens.importProfile' },
  { name = 'PerflensHotspots', needs = 'perflens/hotspots (shown as a quickfix list)' },
}

function M.register()
  for _, command in ipairs(M.available) do
    vim.api.nvim_create_user_command(command.name, function(args) command.run(args) end, {
      nargs = command.nargs or 0,
      complete = command.complete,
      desc = command.desc,
      force = true,
    })
  end
end

return M
