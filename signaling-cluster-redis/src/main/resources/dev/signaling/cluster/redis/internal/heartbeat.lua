-- ARGV[3] node timeout in ms. Returns {1 if registered (deadline extended) else 0, room count,
-- the ids of the nodes whose deadline has not passed}.
-- An unregistered node (Redis lost its state, or others reaped it) must reconcile instead.
local now = now_ms()
if not redis.call('ZSCORE', NODES, NODE) then
  return {0, redis.call('SCARD', ROOMS), redis.call('ZRANGEBYSCORE', NODES, now, '+inf')}
end
redis.call('ZADD', NODES, now + tonumber(ARGV[3]), NODE)
return {1, redis.call('SCARD', ROOMS), redis.call('ZRANGEBYSCORE', NODES, now, '+inf')}
