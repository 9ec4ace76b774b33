-- Shared by the load scripts. wrk runs each script once per thread, in a Lua state of its own.
-- Environment: BENCH_TOKEN (bearer token), BENCH_ACCOUNTS (file of "workspace account index" lines),
-- BENCH_WORKSPACES (file of workspace ids, one a line), BENCH_THREADS (wrk's -t), BENCH_PHASE (names keys).
local common = {}

function common.lines(path)
  local out = {}
  local file = assert(io.open(assert(path, "file name missing"), "r"))
  for line in file:lines() do
    if line ~= "" then
      out[#out + 1] = line
    end
  end
  file:close()
  return out
end

-- { {ws = "ws_...", id = "cus_...", index = 7}, ... }
function common.accounts()
  local out = {}
  for _, line in ipairs(common.lines(os.getenv("BENCH_ACCOUNTS"))) do
    local ws, id, index = line:match("^(%S+)%s+(%S+)%s+(%d+)")
    out[#out + 1] = { ws = ws, id = id, index = tonumber(index) }
  end
  assert(#out > 0, "no accounts in " .. tostring(os.getenv("BENCH_ACCOUNTS")))
  return out
end

function common.headers(content_type)
  local headers = { ["Authorization"] = "Bearer " .. assert(os.getenv("BENCH_TOKEN"), "BENCH_TOKEN missing") }
  if content_type then
    headers["Content-Type"] = content_type
  end
  return headers
end

-- The seeded account's current values: what bench/run sent when it created account number `index`.
function common.seeded(index)
  return string.format('{"name":"Bench account %d","email":"acct-%d@example.com",'
    .. '"address":{"country":"US","line1":"1 Main Street","city":"Springfield"}}', index, index)
end

-- Thread numbers 0 .. threads-1, so that threads work on disjoint accounts.
local next_thread = 0
function setup(thread)
  thread:set("thread_number", next_thread)
  next_thread = next_thread + 1
end

common.threads = tonumber(os.getenv("BENCH_THREADS") or "2")

-- This thread's share of a list (thread t: items t, t+T, t+2T ...), or the whole list when it has fewer items than
-- there are threads (the baselines' one account or workspace): so that threads work on disjoint items.
function common.mine(all)
  local out = {}
  for i = thread_number + 1, #all, common.threads do
    out[#out + 1] = all[i]
  end
  if #out == 0 then
    out = all
  end
  return out
end

-- The init and request of a script that GETs one path a request, rotating over items() (read in init) from a
-- different start in each thread; path(item) makes the path.
function common.rotating_get(items, path)
  local list, headers, n
  local function init(args)
    list = items()
    headers = common.headers()
    n = thread_number
  end
  local function request()
    local item = list[n % #list + 1]
    n = n + common.threads
    return wrk.format("GET", path(item), headers)
  end
  return init, request
end

-- One machine-readable line: every figure bench/run reads.
function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format("WRK requests=%d seconds=%.3f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f "
    .. "non2xx=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end

return common
