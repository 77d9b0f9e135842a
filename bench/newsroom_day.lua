-- The readers of a newsroom day, for wrk (bench/run.py starts it):
--   wrk -s bench/newsroom_day.lua URL -- PATHS HOME_SHARE SECTION_SHARE EXPONENT
-- PATHS has one "kind path" line per page: the home page, each section, then every
-- live story, newest first. A request goes to the home page with HOME_SHARE, to a
-- section (any of them alike) with SECTION_SHARE, and otherwise to a story chosen
-- by recency: the story of rank r (1 = newest) with weight 1 / r^EXPONENT, Zipf's
-- law, so the newest stories are read most and every story now and then.

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("number", threads)
end

function init(args)
  local file = args[1]
  home_share = tonumber(args[2])
  section_share = tonumber(args[3])
  local exponent = tonumber(args[4])
  sections, stories, cumulative = {}, {}, {}
  for line in io.lines(file) do
    local kind, path = line:match("^(%S+) (%S+)$")
    if kind == "home" then
      home = path
    elseif kind == "section" then
      sections[#sections + 1] = path
    else
      stories[#stories + 1] = path
    end
  end
  local total = 0
  for rank = 1, #stories do
    total = total + 1 / rank ^ exponent
    cumulative[rank] = total
  end
  -- Each thread a sequence of its own.
  math.randomseed(os.time() * 100 + number)
end

-- The first rank whose cumulative weight reaches u times the total.
local function story_rank(u)
  local target = u * cumulative[#cumulative]
  local low, high = 1, #cumulative
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cumulative[middle] < target then
      low = middle + 1
    else
      high = middle
    end
  end
  return low
end

function request()
  local u = math.random()
  local path
  if u < home_share then
    path = home
  elseif u < home_share + section_share then
    path = sections[math.random(#sections)]
  else
    path = stories[story_rank(math.random())]
  end
  return wrk.format("GET", path)
end
