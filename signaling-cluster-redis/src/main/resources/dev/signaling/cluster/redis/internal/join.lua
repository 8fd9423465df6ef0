-- ARGV[3] room, ARGV[4] peer, ARGV[5] capacity. Returns {outcome, {members before}}.
local room, peer, capacity = ARGV[3], ARGV[4], tonumber(ARGV[5])
local deadline = redis.call('ZSCORE', NODES, NODE)
if not deadline or tonumber(deadline) < now_ms() then
  -- A node the others may be reaping must not add members nobody would clean up.
  return redis.error_reply('NODE_NOT_REGISTERED node ' .. NODE .. ' has no live registration')
end
local members = redis.call('LRANGE', order_key(room), 0, -1)
if redis.call('HEXISTS', members_key(room), peer) == 1 then
  local others = {}
  for _, p in ipairs(members) do if p ~= peer then table.insert(others, p) end end
  return {'JOINED', others}
end
if #members >= capacity then return {'FULL', members} end
add_member(room, peer, NODE, #members == 0)
if #members == 0 then return {'CREATED', {}} end
return {'JOINED', members}
