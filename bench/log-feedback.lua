-- wrk script: POST /api/v1/feedback as an integration would. Each request is for a random customer of the reference
-- data set (created if the data set never gave it feedback), received now, with ratings and NPS drawn from the same
-- distributions as the demo generator's (about one entry in nine is negative and opens or joins a recovery case).
--   CUSTOMERS (number of customers C-000001...), AUTH (the Basic credentials, base64)
local customers = tonumber(os.getenv("CUSTOMERS") or "1000")
local auth = os.getenv("AUTH")
local channels = { "EMAIL", "PHONE", "CHAT", "SURVEY" }
-- relative frequencies of ratings 1..5 and NPS 0..10 in the reference data set
local ratingWeights = { 2.2, 6.0, 27.5, 44.7, 19.6 }
local npsWeights = { 0.1, 0.2, 0.4, 0.7, 1.2, 2.9, 6.9, 14.0, 21.3, 22.5, 29.2 }
local counter = 0

local function pick(weights, first)
	local total = 0
	for _, w in ipairs(weights) do total = total + w end
	local r = math.random() * total
	for i, w in ipairs(weights) do
		r = r - w
		if r <= 0 then return first + i - 1 end
	end
	return first + #weights - 1
end

function setup(thread)
	thread:set("seed", math.random(1, 1000000))
end

function init(args)
	math.randomseed(seed)
end

function request()
	counter = counter + 1
	local nps = ""
	if math.random() < 0.3 then
		nps = string.format(',"nps":%d', pick(npsWeights, 0))
	end
	local body = string.format('{"customerRef":"C-%06d","customerName":"Bench customer","segment":"SMB",'
		.. '"receivedAt":"%s","channel":"%s","category":"SERVICE","ratings":{"quality":%d,"communication":%d}%s,'
		.. '"comment":"benchmark %d"}',
		math.random(1, customers), os.date("!%Y-%m-%dT%H:%M:%SZ"), channels[math.random(1, #channels)],
		pick(ratingWeights, 1), pick(ratingWeights, 1), nps, counter)
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
