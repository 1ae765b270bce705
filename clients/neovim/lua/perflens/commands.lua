-- The user commands, each registered by setup().
local M = {}

M.available = {
  {
    name = 'PerflensFix',
    desc = 'Preview the fix of the Perflens finding under the cursor and apply it after you confirm',
    run = function() require('perflens.fix').fix_at_cursor() end,
  },
  {
    name = 'PerflensImportProfile',
    nargs = 1,
    complete = 'file',
    desc = 'Load a JFR recording or collapsed stacks into the Perflens server',
    run = function(args) require('perflens.profiles').import(args.args) end,
  },
  {
    name = 'PerflensHotspots',
    desc = 'The hottest methods of the loaded profiles in the quickfix list',
    run = function() require('perflens.profiles').hotspots() end,
  },
  {
    name = 'PerflensBenchmark',
    desc = 'Benchmark the fix of the Perflens finding under the cursor (or the method there) with JMH',
    run = function() require('perflens.benchmark').run() end,
  },
  {
    name = 'PerflensBenchmarkCancel',
    desc = 'Cancel the running Perflens benchmark',
    run = function() require('perflens.benchmark').cancel() end,
  },
  {
    name = 'PerflensTrust',
    desc = "Trust the current buffer's Perflens root: the server may run its Maven build, ./mvnw and benchmarks",
    run = function() require('perflens.trust').trust_current(true) end,
  },
  {
    name = 'PerflensUntrust',
    desc = "Stop trusting the current buffer's Perflens root",
    run = function() require('perflens.trust').trust_current(false) end,
  },
  {
    name = 'PerflensRestart',
    desc = 'Restart the Perflens server',
    run = function() require('perflens.server').restart() end,
  },
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
