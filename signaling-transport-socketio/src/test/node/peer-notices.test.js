// What the others in a room see while a socket.io peer is away (run by SocketIoPeerNoticesIT
// against a server whose resume window is WINDOW_MS): peer-disconnected when its transport
// drops, peer-reconnected when it recovers, bye once the window has passed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { peer } from "./peer.js";

const SERVER_URL = process.env.SERVER_URL;
const WINDOW_MS = Number(process.env.WINDOW_MS);
assert.ok(SERVER_URL && WINDOW_MS > 0, "SERVER_URL and WINDOW_MS must be set");

/** Alice and Bob in `room`; resolves with their sockets and Bob's peer id. */
async function pair(room, bobOptions) {
  const alice = await peer(SERVER_URL, { transports: ["websocket"] });
  const bob = await peer(SERVER_URL, { transports: ["websocket"], ...bobOptions });
  alice.emit("create or join", room);
  assert.equal((await alice.next()).name, "created");
  bob.emit("create or join", room);
  const joined = await bob.next();
  assert.equal(joined.name, "joined");
  assert.equal((await bob.next()).name, "ready");
  assert.equal((await alice.next()).name, "join");
  assert.equal((await alice.next()).name, "ready");
  return { alice, bob, bobId: joined.args[1] };
}

test("a dropped peer is announced, and announced back when it recovers", async () => {
  const { alice, bob, bobId } = await pair("notices-recover", { reconnection: true, reconnectionDelay: 100 });
  try {
    const reconnected = new Promise((resolve) => bob.once("connect", resolve));
    bob.io.engine.close(); // the transport drops; the client reconnects with {pid, offset}
    assert.deepEqual(await alice.next(), { name: "peer-disconnected", args: ["notices-recover", bobId] });
    await reconnected;
    assert.equal(bob.recovered, true);
    assert.deepEqual(await alice.next(), { name: "peer-reconnected", args: ["notices-recover", bobId] });
    bob.emit("message", "still here");
    assert.deepEqual(await alice.next(), { name: "message", args: ["still here", bobId] });
  } finally {
    alice.close();
    bob.close();
  }
});

test("a peer that does not come back within the window leaves: bye after peer-disconnected", async () => {
  const { alice, bob, bobId } = await pair("notices-expire", {}); // peer(): no reconnection
  try {
    const dropped = Date.now();
    bob.io.engine.close();
    assert.deepEqual(await alice.next(), { name: "peer-disconnected", args: ["notices-expire", bobId] });
    assert.deepEqual(await alice.next(), { name: "bye", args: ["notices-expire", bobId] });
    assert.ok(Date.now() - dropped >= WINDOW_MS * 0.9, "bye only once the window passed");
  } finally {
    alice.close();
    bob.close();
  }
});

test("a peer that disconnects on purpose is bye at once, with no notice", async () => {
  const { alice, bob, bobId } = await pair("notices-leave", {});
  try {
    bob.disconnect();
    assert.deepEqual(await alice.next(), { name: "bye", args: ["notices-leave", bobId] });
  } finally {
    alice.close();
  }
});
