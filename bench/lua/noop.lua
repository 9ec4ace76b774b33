-- PATCH that changes nothing: it sends the account's current name, email and address (as seeded), which the
-- service must answer without a write and without calling Stripe. Run it before update.lua renames the accounts.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local mine, headers, k

function init(args)
  mine = {}
  local all = common.accounts()
  for i = thread_number + 1, #all, common.threads do
    local a = all[i]
    a.body = common.seeded(a.index)
    mine[#mine + 1] = a
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
  return wrk.format("PATCH", "/workspaces/" .. a.ws .. "/billing-accounts/" .. a.id, headers, a.body)
end
