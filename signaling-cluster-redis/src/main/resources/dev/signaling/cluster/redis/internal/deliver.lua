-- ARGV[3] room, ARGV[4] 'to' (only ARGV[5]) or 'but' (all but ARGV[5]), ARGV[6] envelope.
-- Appends the envelope once to the inbox of each other node holding a recipient.
local room, mode, who, envelope = ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local members = redis.call('HGETALL', members_key(room))
local sent = {}
local count = 0
for i = 1, #members, 2 do
  local peer, node = members[i], members[i + 1]
  local wanted
  if mode == 'to' then wanted = (peer == who) else wanted = (peer ~= who) end
  if wanted and node ~= NODE and not sent[node] then
    sent[node] = true
    send(node, envelope)
    count = count + 1
  end
end
return count
