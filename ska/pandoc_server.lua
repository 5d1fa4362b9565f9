-- ska's pandoc worker, run as `pandoc lua pandoc_server.lua`: one JSON request per line
-- on standard input, one JSON answer per line on standard output. Keeping one pandoc
-- process for many documents saves starting pandoc for every document and format.
--
-- Requests (see ska/pandoc.py):
--   {"op": "read", "texts": [...], "format": F}        -> {"docs": [AST as JSON text, ...]}
--   {"op": "refs", "texts": [...], "format": F}        -> {"refs": [[[kind, target, text], ...], ...]}
--   {"op": "write", "doc": AST as JSON text, "format": F, "target": PATH, "workdir": DIR,
--    "template": TEXT, true (pandoc's own) or null,
--    "options": {...}}                                  -> {"ok": true}
-- Any failure answers {"error": message}; the worker goes on with the next request.
--
-- Reading runs in pandoc's sandbox (no file is read). Writing runs in `workdir`, a folder
-- holding only the document's own assets; the documents it is given refer to nothing else.

local json = pandoc.json

local function read(text, format)
  return pandoc.read(text, format, {}, {})
end

local function refs(doc)
  local found = {}
  local function add(kind, target, content)
    found[#found + 1] = { kind, target, pandoc.utils.stringify(content) }
  end
  doc:walk({
    Link = function(el) add("länk", el.target, el.content) end,
    Image = function(el) add("bild", el.src, el.caption) end,
  })
  return found
end

local function write(request)
  local doc = pandoc.read(request.doc, "json")
  local options = {}
  for key, value in pairs(request.options or {}) do
    options[key] = value
  end
  if request.template == true then
    local base = request.format:match("^[%w_]+")
    options.template = pandoc.template.compile(pandoc.template.default(base))
  elseif type(request.template) == "string" then
    options.template = pandoc.template.compile(request.template)
  end
  local output = pandoc.system.with_working_directory(request.workdir, function()
    return pandoc.write(doc, request.format, options)
  end)
  local handle = assert(io.open(request.target, "wb"))
  handle:write(output)
  handle:close()
  return { ok = true }
end

local function handle(request)
  if request.op == "read" or request.op == "refs" then
    local out = {}
    for index, text in ipairs(request.texts) do
      local doc = read(text, request.format)
      out[index] = request.op == "read" and pandoc.write(doc, "json") or refs(doc)
    end
    return request.op == "read" and { docs = out } or { refs = out }
  elseif request.op == "write" then
    return write(request)
  end
  error("unknown request " .. tostring(request.op))
end

for line in io.lines() do
  local ok, answer = pcall(function() return handle(json.decode(line)) end)
  if not ok then
    answer = { error = tostring(answer) }
  end
  io.write(json.encode(answer), "\n")
  io.flush()
end
