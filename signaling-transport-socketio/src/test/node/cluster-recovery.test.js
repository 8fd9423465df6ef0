// Socket.IO recovery in a cluster without sticky sessions (run by SocketIoClusterRecoveryIT):
// NODE_A_URL and NODE_B_URL are two nodes sharing one Redis. A round-robin balancer here, in
// front of both, sends a reconnecting client to the other node, where its pid is unknown.
import { test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { io } from "socket.io-client";
import { once } from "./peer.js";

const NODE_A_URL = process.env.NODE_A_URL;
const NODE_B_URL = process.env.NODE_B_URL;
assert.ok(NODE_A_URL && NODE_B_URL, "NODE_A_URL and NODE_B_URL must be set");

/** A TCP balancer on loopback: each new connection goes to `target`; cutAll() resets them all. */
function balancer(targetPort) {
  const open = new Set();
  let target = targetPort;
  const server = net.createServer((client) => {
    const upstream = net.connect(target, "127.0.0.1");
    open.add(client);
    open.add(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({
    url: `http://127.0.0.1:${server.address().port}`,
    retarget(port) { target = port; },
    cutAll() { for (const socket of open) socket.resetAndDestroy(); },
    close() { server.close(); for (const socket of open) socket.destroy(); },
  })));
}

function client(url, options = {}) {
  return io(url, { forceNew: true, transports: ["websocket"], ...options });
}

/** Resolves once `events` holds `count` entries named `name`. */
async function until(events, name, count = 1, ms = 10000) {
  const deadline = Date.now() + ms;
  while (events.filter(([event]) => event === name).length < count) {
    if (Date.now() > deadline) throw new Error(`no ${name} within ${ms} ms: ${JSON.stringify(events)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test("a client landing on another node is not recovered there and starts over with its place free", async () => {
  const portOf = (url) => Number(new URL(url).port);
  const lb = await balancer(portOf(NODE_A_URL));
  const alice = client(NODE_A_URL);
  const bob = client(lb.url, { reconnectionDelay: 100, reconnectionDelayMax: 200 });
  const bobConnected = once(bob, "connect");
  const seen = [];
  alice.onAny((event, ...args) => seen.push([event, ...args]));
  try {
    await once(alice, "connect");
    const created = once(alice, "created");
    alice.emit("create or join", "cluster-room");
    await created;
    await bobConnected;
    const ready = once(bob, "ready");
    bob.emit("create or join", "cluster-room");
    const [, bobPeerId] = await once(bob, "joined");
    await ready;
    await until(seen, "ready");
    const firstSocketId = bob.id;

    // The balancer now sends new connections to node B; bob's transport drops, and its Manager
    // reconnects through the balancer with {pid, offset}.
    lb.retarget(portOf(NODE_B_URL));
    const reconnected = once(bob, "connect");
    lb.cutAll();
    await reconnected;

    assert.equal(bob.recovered, false, "node B does not hold the session");
    assert.notEqual(bob.id, firstSocketId, "a new socket id");
    // Node A ended the old session (alice is told bye) before node B answered CONNECT.
    await until(seen, "bye");
    const bye = seen.find(([event]) => event === "bye");
    assert.deepEqual(bye.slice(0, 3), ["bye", "cluster-room", bobPeerId], JSON.stringify(seen));

    const answer = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no answer to create or join")), 10000);
      bob.once("joined", (...args) => { clearTimeout(timer); resolve(args); });
      bob.once("full", () => { clearTimeout(timer); reject(new Error("full: the old session still holds its place")); });
    });
    const bobReady = once(bob, "ready");
    bob.emit("create or join", "cluster-room");
    const [room, newPeerId] = await answer;
    assert.equal(room, "cluster-room");
    assert.notEqual(newPeerId, bobPeerId);
    await bobReady;
    await until(seen, "ready", 2);
    const after = seen.slice(seen.indexOf(bye) + 1).map(([event]) => event).filter((e) => e !== "log");
    assert.deepEqual(after, ["join", "ready"], JSON.stringify(seen));
    const join = seen.slice(seen.indexOf(bye) + 1).find(([event]) => event === "join");
    assert.deepEqual(join.slice(0, 3), ["join", "cluster-room", newPeerId]);
    console.log("started over on node B: " + JSON.stringify(seen.map(([event]) => event)));
  } finally {
    alice.close();
    bob.close();
    lb.close();
  }
});
