-- Makes Redis agree with this node's own view of its members, and (re)registers the node.
-- ARGV[3] node timeout in ms, ARGV[4] '1' to empty the inbox (a fresh start), ARGV[5] n; then n
-- triples (room, peer, capacity) of confirmed members to re-assert; then entries of joins still
-- in flight, to leave alone. Members of this node that are neither are ghosts: removed, and the
-- remaining members on other nodes are told bye. Returns {ghosts removed, {room, peer, ...}
-- of members that could not be re-asserted because their room filled up meanwhile}.
redis.call('ZADD', NODES, now_ms() + tonumber(ARGV[3]), NODE)
if ARGV[4] == '1' then redis.call('DEL', inbox_key(NODE)) end
local n = tonumber(ARGV[5])
local keep, confirmed = {}, {}
local i = 6
for _ = 1, n do
  local room, peer, capacity = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
  keep[entry(room, peer)] = true
  table.insert(confirmed, {room, peer, capacity})
  i = i + 3
end
for k = i, #ARGV do keep[ARGV[k]] = true end

local ghosts = 0
for _, e in ipairs(redis.call('SMEMBERS', node_members_key(NODE))) do
  if not keep[e] then
    local room, peer = parse_entry(e)
    local remaining = remove_member(room, peer)
    if remaining then announce_bye(room, peer, remaining, NODE) end
    redis.call('SREM', node_members_key(NODE), e)
    ghosts = ghosts + 1
  end
end

local evicted = {}
for _, m in ipairs(confirmed) do
  local room, peer, capacity = m[1], m[2], m[3]
  local owner = redis.call('HGET', members_key(room), peer)
  if not owner then
    local size = redis.call('LLEN', order_key(room))
    if size >= capacity then
      table.insert(evicted, room)
      table.insert(evicted, peer)
    else
      add_member(room, peer, NODE, size == 0)
    end
  end
end
return {ghosts, evicted}
