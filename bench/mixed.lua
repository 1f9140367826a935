-- wrk script for the mixed benchmark: 95% reads of several pages, 5% response POSTs, each
-- POST with its own form token (from the file BENCH_TOKENS, shared out between threads).
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for path in string.gmatch(os.getenv("BENCH_PATHS"), "[^,]+") do
    table.insert(paths, path)
  end
  tokens = {}
  local index = 0
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    if index % tonumber(os.getenv("BENCH_THREADS")) == id then
      table.insert(tokens, line)
    end
    index = index + 1
  end
  post_id = os.getenv("BENCH_POST")
  origin = os.getenv("BENCH_ORIGIN")
  sent, acknowledged, failed, counter = 0, 0, 0, 0
end

function request()
  counter = counter + 1
  if math.random() < 0.05 and #tokens > 0 then
    local token = table.remove(tokens)
    sent = sent + 1
    local body = "post=" .. post_id .. "&comment=Bench+response+" .. id .. "-" .. counter
      .. "&author=Reader&email=reader" .. id .. "-" .. counter .. "%40example.com&fax=&token="
      .. token
    return wrk.format("POST", "/responses/", {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Origin"] = origin,
    }, body)
  end
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  if status == 303 then
    acknowledged = acknowledged + 1
  elseif status >= 400 then
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local total_sent, total_ack, total_failed = 0, 0, 0
  for _, thread in ipairs(threads) do
    total_sent = total_sent + thread:get("sent")
    total_ack = total_ack + thread:get("acknowledged")
    total_failed = total_failed + thread:get("failed")
  end
  io.write(string.format("POSTS sent=%d acknowledged=%d failed=%d\n",
    total_sent, total_ack, total_failed))
end
