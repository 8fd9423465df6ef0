-- ARGV[3] how many dead nodes to reap at most. Removes the members of every node whose deadline
-- passed, tells the remaining members bye, and forgets the node. Returns {nodes, members removed}.
local dead = redis.call('ZRANGEBYSCORE', NODES, '-inf', '(' .. now_ms(), 'LIMIT', 0, tonumber(ARGV[3]))
local nodes, removed = 0, 0
for _, node in ipairs(dead) do
  if node ~= NODE then
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
    nodes = nodes + 1
  end
end
return {nodes, removed}
