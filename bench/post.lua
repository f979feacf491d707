-- wrk script for `make bench`: a form POST with a fresh submission key per request.
-- Environment: BENCH_BODY (url-encoded form; every {key} becomes a fresh UUID, every {n} a
-- counter unique to this wrk thread and request), BENCH_HTMX ("1" to send HX-Request), and the
-- browsers that post, one per line, taken in turn: BENCH_PATHS (the URL each one posts to),
-- BENCH_COOKIES (its Cookie header) and BENCH_CSRFS (its csrftoken, sent as X-CSRFToken).
-- E.g. the capture URLs of several tables, each from its own host's phone.
local body = os.getenv("BENCH_BODY") or ""

local function lines(name)
  local found = {}
  for line in (os.getenv(name) or ""):gmatch("[^\n]+") do found[#found + 1] = line end
  return found
end
local paths, cookies, csrfs = lines("BENCH_PATHS"), lines("BENCH_COOKIES"), lines("BENCH_CSRFS")

local n = 0
math.randomseed(os.time() + math.floor(os.clock() * 1000000))

local function uuid()
  return (("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"):gsub("[xy]", function (c)
    local v = (c == "x") and math.random(0, 0xf) or math.random(8, 0xb)
    return string.format("%x", v)
  end))
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
if os.getenv("BENCH_HTMX") == "1" then wrk.headers["HX-Request"] = "true" end

request = function ()
  n = n + 1
  local filled = body:gsub("{key}", uuid):gsub("{n}", uuid():sub(1, 8) .. n)
  local i = (n % #cookies) + 1
  -- wrk.format takes these headers instead of wrk.headers: copy those in.
  local headers = {["Cookie"] = cookies[i], ["X-CSRFToken"] = csrfs[i]}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  return wrk.format(nil, paths[i], headers, filled)
end
