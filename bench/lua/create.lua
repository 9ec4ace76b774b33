-- POST a new billing account, with an Idempotency-Key as a careful client sends. A pooled workspace holds ten, so
-- each thread fills its own empty workspaces (thread t: workspaces t, t+T ...) ten creates each, in turn. Once
-- they are all full the creates answer 409 and count as errors: bench/run seeds enough workspaces to avoid that.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local mine, headers, k, phase

function init(args)
  mine = {}
  local all = common.lines(os.getenv("BENCH_WORKSPACES"))
  for i = thread_number + 1, #all, common.threads do
    mine[#mine + 1] = all[i]
  end
  if #mine == 0 then -- fewer workspaces than threads (Prism's one): share them
    mine = all
  end
  headers = common.headers("application/json")
  k = 0
  phase = os.getenv("BENCH_PHASE") or "create"
end

function request()
  local ws = mine[math.floor(k / 10) % #mine + 1]
  k = k + 1
  headers["Idempotency-Key"] = string.format("bench-%s-%d-%d", phase, thread_number, k)
  local body = string.format('{"name":"Bench create %d-%d","email":"create-%d-%d@example.com",'
    .. '"address":{"country":"US","line1":"1 Main Street","city":"Springfield"}}',
    thread_number, k, thread_number, k)
  return wrk.format("POST", "/workspaces/" .. ws .. "/billing-accounts", headers, body)
end
