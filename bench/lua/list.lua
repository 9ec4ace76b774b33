-- GET the billing accounts of a workspace, rotating over the seeded workspaces (ten accounts each).
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local function workspaces()
  local out, seen = {}, {}
  for _, a in ipairs(common.accounts()) do
    if not seen[a.ws] then
      seen[a.ws] = true
      out[#out + 1] = a.ws
    end
  end
  return out
end

init, request = common.rotating_get(workspaces, function(ws)
  return "/workspaces/" .. ws .. "/billing-accounts"
end)
