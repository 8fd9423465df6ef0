-- A graceful shutdown: removes all of this node's members, telling the remaining members on
-- other nodes bye, and forgets the node. Returns the number of members removed.
return forget_node(NODE)
