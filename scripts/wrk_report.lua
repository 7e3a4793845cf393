-- For scripts/bench.py: wrk's figures as one line of JSON, with the responses that said
-- X-Cache: HIT counted (each wrk thread counts its own; done() adds them up).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  hits = 0
  cache_header = ""
end

function response(status, headers, body)
  local value = headers["X-Cache"]
  if value then
    cache_header = value
    if value == "HIT" then
      hits = hits + 1
    end
  end
end

function done(summary, latency, requests)
  local all_hits, last_header = 0, ""
  for _, thread in ipairs(threads) do
    all_hits = all_hits + thread:get("hits")
    last_header = thread:get("cache_header")
  end
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.6f, "failed": %d, "non_2xx": %d, "hits": %d, ' ..
    '"cache_header": "%s", "p50": %.3f, "p95": %.3f, "p99": %.3f}\n',
    summary.requests, summary.duration / 1e6,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status,
    all_hits, last_header,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000
  ))
end
