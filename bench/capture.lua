-- wrk script for `make bench`: a table host's capture POST, a fresh submission key per request.
--
--   wrk -t2 -c16 -d5s --latency -s bench/capture.lua \
--       http://127.0.0.1:8765/s/simulatie-1/tafel/<tafel pk>/ideeen/
--
-- Environment: BENCH_COOKIE="sessionid=…; csrftoken=…" (from opening a table host's
-- /toegang/<token>/ link), BENCH_CSRF=<csrftoken value>, BENCH_RONDE=<round pk>.
-- Answer: 200 with the new idea's <li> and the round's count (constant size).
local cookie = os.getenv("BENCH_COOKIE") or ""
local csrf = os.getenv("BENCH_CSRF") or ""
local ronde = os.getenv("BENCH_RONDE") or "1"
math.randomseed(os.time() + math.floor(os.clock() * 1000000))

local function uuid()
  return (("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"):gsub("[xy]", function (c)
    local v = (c == "x") and math.random(0, 0xf) or math.random(8, 0xb)
    return string.format("%x", v)
  end))
end

wrk.method = "POST"
wrk.headers["Cookie"] = cookie
wrk.headers["X-CSRFToken"] = csrf
wrk.headers["HX-Request"] = "true"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

request = function ()
  local body = "tekst=Bench+idee&soort=&prompt=&ronde=" .. ronde .. "&sleutel=" .. uuid()
  return wrk.format(nil, nil, nil, body)
end
