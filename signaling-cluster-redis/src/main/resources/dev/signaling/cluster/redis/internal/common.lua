-- Shared by every script (prepended to it). ARGV[1] is the key prefix, ARGV[2] the calling
-- node's id. Keys are derived here rather than passed as KEYS, so these scripts need a single
-- Redis (or a primary with replicas), not Redis Cluster.
local P = ARGV[1]
local NODE = ARGV[2]
local NODES = P .. 'nodes'
local ROOMS = P .. 'rooms'
local INBOX_MAXLEN = '10000'

local function now_ms()
  -- The Redis server's clock: node clocks may disagree, this one is shared.
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function order_key(room) return P .. 'room:' .. room .. ':order' end
local function members_key(room) return P .. 'room:' .. room .. ':members' end
local function node_members_key(node) return P .. 'node:' .. node .. ':members' end
local function inbox_key(node) return P .. 'inbox:' .. node end

-- One member of a node's index: "<byte length of peer>:<peer><room>", unambiguous for any strings.
local function entry(room, peer) return string.len(peer) .. ':' .. peer .. room end
local function parse_entry(e)
  local colon = string.find(e, ':', 1, true)
  local n = tonumber(string.sub(e, 1, colon - 1))
  return string.sub(e, colon + n + 1), string.sub(e, colon + 1, colon + n)
end

local function send(node, envelope)
  redis.call('XADD', inbox_key(node), 'MAXLEN', '~', INBOX_MAXLEN, '*', 'e', envelope)
end

local function add_member(room, peer, node, was_empty)
  redis.call('RPUSH', order_key(room), peer)
  redis.call('HSET', members_key(room), peer, node)
  redis.call('SADD', node_members_key(node), entry(room, peer))
  if was_empty then redis.call('SADD', ROOMS, room) end
end

-- Removes peer from room; returns the remaining members oldest first, or nil if it was no member.
local function remove_member(room, peer)
  local node = redis.call('HGET', members_key(room), peer)
  if not node then return nil end
  redis.call('HDEL', members_key(room), peer)
  redis.call('LREM', order_key(room), 0, peer)
  redis.call('SREM', node_members_key(node), entry(room, peer))
  local remaining = redis.call('LRANGE', order_key(room), 0, -1)
  if #remaining == 0 then redis.call('SREM', ROOMS, room) end
  return remaining
end

-- Tells the remaining members that peer left, except those on skip_node (handled by that node).
local function announce_bye(room, peer, remaining, skip_node)
  for _, other in ipairs(remaining) do
    local node = redis.call('HGET', members_key(room), other)
    if node and node ~= skip_node then
      send(node, cjson.encode({room = room, target = other,
        event = {type = 'bye', room = room, peerId = peer}}))
    end
  end
end

-- Removes every member of node (the remaining members on other nodes get bye) and forgets the
-- node: its member set, its inbox and its liveness entry. Returns the number of members removed.
local function forget_node(node)
  local removed = 0
  for _, e in ipairs(redis.call('SMEMBERS', node_members_key(node))) do
    local room, peer = parse_entry(e)
    local remaining = remove_member(room, peer)
    if remaining then
      announce_bye(room, peer, remaining, node)
      removed = removed + 1
    end
  end
  redis.call('DEL', node_members_key(node), inbox_key(node))
  redis.call('ZREM', NODES, node)
  return removed
end
