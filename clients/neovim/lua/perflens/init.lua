-- Perflens for Neovim 0.7+: require('perflens').setup{ ... } (options in perflens.config).
local config = require('perflens.config')

local M = {}

function M.setup(user)
  local options = config.set(user)
  local server = require('perflens.server')
  require('perflens.commands').register()
  if options.guard_annotated_edits then
    require('perflens.edits').install_guard()
  end
  local group = vim.api.nvim_create_augroup('perflens', { clear = true })
  M.did_setup = true
  if not options.autostart then
    return
  end
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = options.filetypes,
    callback = function(args) server.attach(args.buf) end,
  })
  -- Buffers that were already open when setup ran.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(options.filetypes, vim.bo[bufnr].filetype) then
      server.attach(bufnr)
    end
  end
end

-- A default_config for nvim-lspconfig (require('lspconfig.configs').perflens = {default_config = ...}),
-- built from the options given to setup{}. Raises the Java/jar message when the server cannot start.
function M.lspconfig_defaults()
  local server = require('perflens.server')
  local options = config.options
  local cmd, err = server.command()
  if not cmd then
    error(err, 0)
  end
  return {
    cmd = cmd,
    filetypes = options.filetypes,
    root_dir = function(fname) return server.root_dir(fname, options.root_markers) end,
    init_options = { perflens = options.settings },
    settings = { perflens = options.settings },
    -- the root's trust, from the roots you trusted (asked once per root when trust_prompt is on)
    on_new_config = function(new_config, root)
      new_config.init_options = { perflens = server.settings_for(root) }
      new_config.settings = { perflens = server.settings_for(root) }
      if options.trust_prompt then
        require('perflens.trust').ask_once(root)
      end
    end,
    capabilities = server.capabilities(),
    handlers = server.handlers(),
  }
end

return M
