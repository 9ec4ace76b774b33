-- POST a subscription (5 users), with an Idempotency-Key as a careful client sends, each request on an account of its
-- own: bench/run seeds accounts that are alone in a `single` workspace, so that every request gets the workspace's
-- 14-day trial (no payment method needed) and answers 201. Each thread takes its own accounts (thread t: accounts
-- t, t+T ...) once each; past the last one it starts over, and those second subscriptions answer 422
-- (payment_method_required) and count as errors: bench/run seeds enough accounts to avoid that.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local mine, headers, k, phase
local body = '{"product_quantities":{"users":5}}'

function init(args)
  mine = common.mine(common.accounts())
  headers = common.headers("application/json")
  k = 0
  phase = os.getenv("BENCH_PHASE") or "subscribe"
end

function request()
  local a = mine[k % #mine + 1]
  k = k + 1
  headers["Idempotency-Key"] = string.format("bench-%s-%d-%d", phase, thread_number, k)
  return wrk.format("POST", "/workspaces/" .. a.ws .. "/billing-accounts/" .. a.id .. "/subscriptions", headers, body)
end
