-- wrk script for `make bench`: a form POST with a fresh submission key per request.
-- Environment: BENCH_BODY (url-encoded form; every {key} becomes a fresh UUID, every {n} a
-- counter unique to this wrk thread and request), BENCH_COOKIE ("sessionid=…; csrftoken=…"),
-- BENCH_CSRF (the csrftoken value), BENCH_HTMX ("1" to send HX-Request), BENCH_PATHS (optional:
-- space-separated paths taken in turn, e.g. the capture URLs of several tables).
local body = os.getenv("BENCH_BODY") or ""
local paths = {}
for path in (os.getenv("BENCH_PATHS") or ""):gmatch("%S+") do paths[#paths + 1] = path end
local n = 0
math.randomseed(os.time() + math.floor(os.clock() * 1000000))

local function uuid()
  return (("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"):gsub("[xy]", function (c)
    local v = (c == "x") and math.random(0, 0xf) or math.random(8, 0xb)
    return string.format("%x", v)
  end))
end

wrk.method = "POST"
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE") or ""
wrk.headers["X-CSRFToken"] = os.getenv("BENCH_CSRF") or ""
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
if os.getenv("BENCH_HTMX") == "1" then wrk.headers["HX-Request"] = "true" end

request = function ()
  n = n + 1
  local filled = body:gsub("{key}", uuid):gsub("{n}", uuid():sub(1, 8) .. n)
  local path = nil
  if #paths > 0 then path = paths[(n % #paths) + 1] end
  return wrk.format(nil, path, nil, filled)
end
