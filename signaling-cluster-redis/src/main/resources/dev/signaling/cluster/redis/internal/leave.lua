-- ARGV[3] room, ARGV[4] peer. Returns the members that remain (empty if peer was no member).
local remaining = remove_member(ARGV[3], ARGV[4])
if not remaining then return {} end
return remaining
