-- PATCH that changes something every time: a counter in the name. Each thread takes its own accounts
-- (thread t: the accounts t, t+T, t+2T ...) and cycles through them, so requests in flight hit distinct accounts
-- as long as there are at least as many accounts as connections.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local mine, headers, k

function init(args)
  mine = {}
  local all = common.accounts()
  for i = thread_number + 1, #all, common.threads do
    mine[#mine + 1] = all[i]
  end
  if #mine == 0 then -- fewer accounts than threads (the baselines' one account): share them
    mine = all
  end
  headers = common.headers("application/merge-patch+json")
  k = 0
end

function request()
  local a = mine[k % #mine + 1]
  k = k + 1
  local body = string.format('{"name":"Bench update %d-%d"}', thread_number, k)
  return wrk.format("PATCH", "/workspaces/" .. a.ws .. "/billing-accounts/" .. a.id, headers, body)
end
