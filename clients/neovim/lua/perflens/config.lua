-- Defaults for require('perflens').setup{}, and the merged options once setup has run.
local M = {}

-- The repository root when the plugin is used from a Perflens checkout (clients/neovim/lua/perflens/config.lua).
local function repo_root()
  local here = debug.getinfo(1, 'S').source:sub(2)
  return vim.fn.fnamemodify(here, ':p:h:h:h:h:h')
end

M.defaults = {
  -- Full server command. When nil, the plugin builds `java ... -jar <server_path> lsp`.
  cmd = nil,
  -- The server: a perflens.jar, or an executable that takes `lsp` (e.g. bin/perflens).
  -- nil: $PERFLENS_JAR, then the jar built in this checkout (server/lsp/target/perflens.jar).
  server_path = nil,
  -- Java 17 or newer: this folder's bin/java, then $JAVA_HOME, then `java` on PATH.
  java_home = nil,
  -- JVM options for the server (the launcher's defaults).
  jvm_args = { '-Xss4m', '-XX:+UseSerialGC' },
  filetypes = { 'java' },
  -- Start the server for Java buffers. false: only commands, :checkhealth and the guard, for
  -- when nvim-lspconfig starts the server (see require('perflens').lspconfig_defaults()).
  autostart = true,
  root_markers = { 'pom.xml', 'build.gradle', 'build.gradle.kts', '.git' },
  -- Sent as initializationOptions {perflens = settings} and as workspace/didChangeConfiguration
  -- (with workspace.trusted from the trusted roots, whatever settings says).
  settings = { analysis = { debounceMs = 150 } },
  -- Ask once per root, through vim.ui.select, whether to trust a folder that is not trusted yet
  -- (remembered in stdpath('data')/perflens/trusted-folders.json). Untrusted, the server runs none of
  -- the folder's code: no Maven, no ./mvnw, no benchmark. :PerflensTrust and :PerflensUntrust too.
  trust_prompt = true,
  -- LSP trace: 'off' | 'messages' | 'verbose' (written to :lua print(vim.lsp.get_log_path())).
  trace = 'off',
  -- Show $/progress in the command line.
  progress = true,
  -- Neovim applies edits whose change annotation says needsConfirmation without asking (0.7 and
  -- later do not implement the flag). With this on, such an edit (from any code action) is shown
  -- as a diff in a floating window and applied only after you confirm.
  guard_annotated_edits = true,
  on_attach = nil,
  capabilities = nil,
}

M.options = vim.deepcopy(M.defaults)

function M.set(user)
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), user or {})
  return M.options
end

-- The jar to run: explicit option, $PERFLENS_JAR, or this checkout's build output.
function M.server_path()
  local o = M.options
  if o.server_path and o.server_path ~= '' then
    return vim.fn.expand(o.server_path), 'server_path option'
  end
  local env = vim.env.PERFLENS_JAR
  if env and env ~= '' then
    return env, '$PERFLENS_JAR'
  end
  return repo_root() .. '/server/lsp/target/perflens.jar', 'this checkout'
end

M.repo_root = repo_root

return M
