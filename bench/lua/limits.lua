-- GET the limits of one organization, the deepest of a workspace holding the most organizations a workspace may
-- (bench/run seeds them; its BENCH_ACCOUNTS line is "workspace organization 1"): the service reads the whole tree
-- in one statement and walks it for every request.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

init, request = common.rotating_get(common.accounts, function(o)
  return "/workspaces/" .. o.ws .. "/organizations/" .. o.id .. "/limits"
end)
