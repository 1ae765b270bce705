-- Finds a Java 17+ runtime: the java_home option, then $JAVA_HOME, then `java` on PATH.
local M = {}

M.MIN_VERSION = 17

-- "17.0.15" -> 17, "1.8.0_392" -> 8
local function major(version)
  local first, second = version:match('^(%d+)%.?(%d*)')
  first = tonumber(first)
  if first == 1 and tonumber(second) then
    return tonumber(second)
  end
  return first
end

-- Runs `java -version` (it prints to stderr) and returns the major version, or nil and why.
function M.version_of(java)
  if vim.fn.executable(java) ~= 1 then
    return nil, 'not executable'
  end
  local out = vim.fn.system({ java, '-version' })
  if vim.v.shell_error ~= 0 then
    return nil, '`' .. java .. ' -version` failed: ' .. vim.trim(out)
  end
  local version = out:match('version "([^"]+)"')
  if not version then
    return nil, 'no version in `' .. java .. ' -version` output'
  end
  return major(version), version
end

-- Returns {path, major, version, source} of the first usable Java, or nil and a message that
-- lists every place looked at and what was wrong there.
function M.find(java_home)
  local candidates = {}
  if java_home and java_home ~= '' then
    table.insert(candidates, { path = vim.fn.expand(java_home) .. '/bin/java', source = 'java_home option' })
  end
  if vim.env.JAVA_HOME and vim.env.JAVA_HOME ~= '' then
    table.insert(candidates, { path = vim.env.JAVA_HOME .. '/bin/java', source = '$JAVA_HOME' })
  end
  local on_path = vim.fn.exepath('java')
  table.insert(candidates, { path = on_path ~= '' and on_path or 'java', source = 'PATH' })

  local tried = {}
  for _, c in ipairs(candidates) do
    local found, detail = M.version_of(c.path)
    if found and found >= M.MIN_VERSION then
      return { path = c.path, major = found, version = detail, source = c.source }
    end
    local why = found and ('Java ' .. detail .. ' is older than ' .. M.MIN_VERSION) or detail
    table.insert(tried, string.format('%s (%s): %s', c.path, c.source, why))
  end
  return nil, 'Perflens needs Java ' .. M.MIN_VERSION .. ' or newer and found none. Tried: '
    .. table.concat(tried, '; ')
    .. '. Install a JDK 17+, or set java_home in require("perflens").setup{} or $JAVA_HOME.'
end

return M
