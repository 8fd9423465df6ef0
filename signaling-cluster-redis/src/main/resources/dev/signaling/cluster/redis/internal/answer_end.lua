-- ARGV[3] the node that asked to end a session, ARGV[4] this node's answer (JSON). Appends the
-- answer, field 'ended', to that node's inbox while it is registered; returns 1 if sent.
if not redis.call('ZSCORE', NODES, ARGV[3]) then return 0 end
redis.call('XADD', inbox_key(ARGV[3]), 'MAXLEN', '~', INBOX_MAXLEN, '*', 'ended', ARGV[4])
return 1
