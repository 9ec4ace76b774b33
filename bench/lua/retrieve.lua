-- GET one billing account, rotating over the seeded accounts.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

init, request = common.rotating_get(common.accounts, function(a)
  return "/workspaces/" .. a.ws .. "/billing-accounts/" .. a.id
end)
