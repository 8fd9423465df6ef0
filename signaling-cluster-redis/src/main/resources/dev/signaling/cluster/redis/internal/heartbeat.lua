-- ARGV[3] node timeout in ms. Returns {1 if registered (deadline extended) else 0, room count}.
-- An unregistered node (Redis lost its state, or others reaped it) must reconcile instead.
if not redis.call('ZSCORE', NODES, NODE) then
  return {0, redis.call('SCARD', ROOMS)}
end
redis.call('ZADD', NODES, now_ms() + tonumber(ARGV[3]), NODE)
return {1, redis.call('SCARD', ROOMS)}
