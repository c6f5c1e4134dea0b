-- bench/two_servers.lua — one wrk, its threads shared between servers:
-- thread i connects to the i-th port of WRK_PORTS (round robin), so that
-- one latency distribution covers every server and the cookie made on one
-- is sent to all. `wrk -t 2 -c 16 -s bench/two_servers.lua URL` with
-- WRK_PORTS="8001 8002": 8 connections each.
local addrs = {}
local next_one = 0

function setup(thread)
  if #addrs == 0 then
    for port in string.gmatch(os.getenv("WRK_PORTS") or "", "%d+") do
      table.insert(addrs, wrk.lookup("127.0.0.1", port)[1])
    end
  end
  thread.addr = addrs[next_one % #addrs + 1]
  next_one = next_one + 1
end
