-- A graceful shutdown: removes all of this node's members, telling the remaining members on
-- other nodes bye, and forgets the node. Returns the number of members removed.
local removed = 0
for _, e in ipairs(redis.call('SMEMBERS', node_members_key(NODE))) do
  local room, peer = parse_entry(e)
  local remaining = remove_member(room, peer)
  if remaining then
    announce_bye(room, peer, remaining, NODE)
    removed = removed + 1
  end
end
redis.call('DEL', node_members_key(NODE), inbox_key(NODE))
redis.call('ZREM', NODES, NODE)
return removed
