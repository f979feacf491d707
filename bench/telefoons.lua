-- The evenings' phones with the programme open, for `make bench-avond` (bench/avond.py runs it).
--
-- wrk -s bench/telefoons.lua URL -- POLLS PAUZE: POLLS is a file with each evening's programme
-- poll (the URL its page polls, carrying the content mark); every connection polls the evenings
-- in turn with a pause of about PAUZE ms between its polls, as htmx does. A 200 brings the next
-- poll URL of that evening (its new mark), a 204 keeps it. At the end it prints its figures as
-- one line of JSON.

local polls, slugs, beurt, pauze = {}, {}, 0, 300

wrk.headers["HX-Request"] = "true"
wrk.headers["X-Bench-Soort"] = "programme poll (wrk)"

function init(args)
  pauze = tonumber(args[2]) or 300
  for regel in io.lines(args[1]) do
    local slug = regel:match("^/s/([^/]+)/")
    slugs[#slugs + 1] = slug
    polls[slug] = regel
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
  beurt = math.random(#slugs)
end

function request()
  beurt = beurt % #slugs + 1
  return wrk.format("GET", polls[slugs[beurt]])
end

function delay()
  -- Not every phone polls in the same millisecond.
  return math.random(math.floor(pauze / 2), math.floor(pauze * 3 / 2))
end

function response(status, headers, body)
  if status == 200 then
    local pad = body:match('id="programma%-live"[^>]*hx%-get="([^"]+)"')
    if pad then
      pad = pad:gsub("&amp;", "&")
      local slug = pad:match("^/s/([^/]+)/")
      if slug and polls[slug] then
        polls[slug] = pad
      end
    end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"aantal": %d, "seconden": %.3f, "p50": %.3f, "p99": %.3f, "fouten": %d, "status": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.timeout + e.status, e.status))
end
