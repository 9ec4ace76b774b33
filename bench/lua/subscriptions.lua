-- GET the subscriptions of a billing account, rotating over accounts that hold some (bench/run subscribes them
-- first). Served from the service's database, without a Stripe call.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

init, request = common.rotating_get(common.accounts, function(a)
  return "/workspaces/" .. a.ws .. "/billing-accounts/" .. a.id .. "/subscriptions"
end)
