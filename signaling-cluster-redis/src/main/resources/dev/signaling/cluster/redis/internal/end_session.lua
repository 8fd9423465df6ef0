-- ARGV[3] a session-end request (JSON). Appends it, field 'end', to the inbox of every other
-- live node, whichever may hold the session; returns how many nodes it went to (the answers to
-- wait for).
local count = 0
for _, node in ipairs(redis.call('ZRANGEBYSCORE', NODES, now_ms(), '+inf')) do
  if node ~= NODE then
    redis.call('XADD', inbox_key(node), 'MAXLEN', '~', INBOX_MAXLEN, '*', 'end', ARGV[3])
    count = count + 1
  end
end
return count
