-- wrk script for the soak test: text, .docx and bad input in turn; counts answers by class.
local function read(path)
  local file = assert(io.open(path, "rb"))
  local body = file:read("*a")
  file:close()
  return body
end

local docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
local bodies = {
  { "text/plain; charset=utf-8", read("tests/fixtures/xixing-2024.txt") },
  { docx, read("tests/fixtures/documents/zhuangshi-2023.typed.docx") },
  { "application/json", '{"text": "报告", "year": 1800}' },        -- 422
  { "application/json", '{"text": ' },                               -- 400
  { "application/pdf", read("tests/fixtures/documents/hostile/truncated.pdf") }, -- 422
}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init()
  turn = 0
  ok, client_errors, server_errors = 0, 0, 0
end

function request()
  turn = turn % #bodies + 1
  local media, body = bodies[turn][1], bodies[turn][2]
  return wrk.format("POST", "/v1/checks", { ["Content-Type"] = media }, body)
end

function response(status)
  if status >= 500 then
    server_errors = server_errors + 1
  elseif status >= 400 then
    client_errors = client_errors + 1
  else
    ok = ok + 1
  end
end

function done(summary)
  local totals = { ok = 0, client = 0, server = 0 }
  for _, thread in ipairs(threads) do
    totals.ok = totals.ok + thread:get("ok")
    totals.client = totals.client + thread:get("client_errors")
    totals.server = totals.server + thread:get("server_errors")
  end
  local e = summary.errors
  io.write(string.format("answers: %d 2xx, %d 4xx, %d 5xx; socket errors: connect %d, read %d, write %d, timeout %d\n",
    totals.ok, totals.client, totals.server, e.connect, e.read, e.write, e.timeout))
end
