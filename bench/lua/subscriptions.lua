-- GET the subscriptions of a billing account, rotating over accounts that hold some (bench/run subscribes them
-- first). Served from the service's database, without a Stripe call.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local accounts, headers, n

function init(args)
  accounts = common.accounts()
  headers = common.headers()
  n = thread_number
end

function request()
  local a = accounts[n % #accounts + 1]
  n = n + common.threads
  return wrk.format("GET", "/workspaces/" .. a.ws .. "/billing-accounts/" .. a.id .. "/subscriptions", headers)
end
