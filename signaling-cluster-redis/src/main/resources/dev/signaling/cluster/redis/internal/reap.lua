-- ARGV[3] how many dead nodes to reap at most. Removes the members of every node whose deadline
-- passed, tells the remaining members bye, and forgets the node. Returns {nodes, members removed}.
local dead = redis.call('ZRANGEBYSCORE', NODES, '-inf', '(' .. now_ms(), 'LIMIT', 0, tonumber(ARGV[3]))
local nodes, removed = 0, 0
for _, node in ipairs(dead) do
  if node ~= NODE then
    removed = removed + forget_node(node)
    nodes = nodes + 1
  end
end
return {nodes, removed}
