-- GET the billing accounts of a workspace, rotating over the seeded workspaces (ten accounts each).
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local workspaces, headers, n

function init(args)
  workspaces = {}
  local seen = {}
  for _, a in ipairs(common.accounts()) do
    if not seen[a.ws] then
      seen[a.ws] = true
      workspaces[#workspaces + 1] = a.ws
    end
  end
  headers = common.headers()
  n = thread_number
end

function request()
  local ws = workspaces[n % #workspaces + 1]
  n = n + common.threads
  return wrk.format("GET", "/workspaces/" .. ws .. "/billing-accounts", headers)
end
