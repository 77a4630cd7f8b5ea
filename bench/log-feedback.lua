-- wrk script: POST /api/v1/feedback as an integration would, each request for a random existing customer of the
-- reference data set (created if the data set never gave it feedback), received now, with random ratings (some negative, so recovery cases open as in real use).
--   CUSTOMERS (number of customers C-000001...), AUTH (the Basic credentials, base64)
local customers = tonumber(os.getenv("CUSTOMERS") or "1000")
local auth = os.getenv("AUTH")
local channels = { "EMAIL", "PHONE", "CHAT", "SURVEY" }
local counter = 0

function setup(thread)
	thread:set("seed", math.random(1, 1000000))
end

function init(args)
	math.randomseed(seed)
end

function request()
	counter = counter + 1
	local body = string.format('{"customerRef":"C-%06d","customerName":"Bench customer","segment":"SMB","receivedAt":"%s","channel":"%s","category":"SERVICE",'
		.. '"ratings":{"quality":%d,"communication":%d},"nps":%d,"comment":"benchmark %d"}',
		math.random(1, customers), os.date("!%Y-%m-%dT%H:%M:%SZ"), channels[math.random(1, #channels)],
		math.random(1, 5), math.random(1, 5), math.random(0, 10), counter)
	return wrk.format("POST", "/api/v1/feedback",
		{ ["Authorization"] = "Basic " .. auth, ["Content-Type"] = "application/json" }, body)
end

function done(summary, latency, requests)
	local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
		+ summary.errors.status
	io.write(string.format("RESULT %.1f %.1f %.1f %.0f %d\n", latency:percentile(50) / 1000,
		latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6),
		errors))
end
