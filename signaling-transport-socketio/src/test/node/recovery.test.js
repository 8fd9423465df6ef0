// Socket.IO connection state recovery with the real socket.io-client against our server (run by
// SocketIoRecoveryIT): SERVER_URL reaches the server directly, PROXY_URL through a proxy that
// cuts connections at random moments, about every 100 events.
import { test } from "node:test";
import assert from "node:assert/strict";
import { io } from "socket.io-client";
import { once } from "./peer.js";

const SERVER_URL = process.env.SERVER_URL;
const PROXY_URL = process.env.PROXY_URL;
assert.ok(SERVER_URL && PROXY_URL, "SERVER_URL and PROXY_URL must be set");

function client(url, options = {}) {
  return io(url, { forceNew: true, transports: ["websocket"], ...options });
}

async function pair(room, bobUrl, bobOptions) {
  const alice = client(SERVER_URL);
  await once(alice, "connect");
  const created = once(alice, "created");
  alice.emit("create or join", room);
  await created;
  const bob = client(bobUrl, bobOptions);
  await once(bob, "connect");
  const ready = once(bob, "ready");
  bob.emit("create or join", room);
  await ready;
  return { alice, bob };
}

test("a dropped transport is recovered: same id, same room, the missed events", async () => {
  const { alice, bob } = await pair("recovery-basic", SERVER_URL, {});
  const byes = [];
  alice.on("bye", (...args) => byes.push(args));
  const got = [];
  bob.on("message", (payload) => got.push(payload.n));
  try {
    const bobId = bob.id;
    assert.equal(bob.recovered, false, "a first connection is not a recovery");
    const reconnected = once(bob, "connect");
    bob.io.engine.close(); // the transport drops; the Manager reconnects with {pid, offset}
    for (let n = 1; n <= 3; n++) alice.emit("message", { n });
    await reconnected;
    assert.equal(bob.recovered, true, "socket.recovered");
    assert.equal(bob.id, bobId, "the same socket id");
    const deadline = Date.now() + 5000;
    while (got.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(got, [1, 2, 3], "each missed event once, in order");
    alice.emit("message", { n: 4 });
    await once(bob, "message");
    assert.deepEqual(got, [1, 2, 3, 4]);
    assert.deepEqual(byes, [], "alice never saw bob leave");
  } finally {
    alice.close();
    bob.close();
  }
});

test("5,000 events through random cuts arrive exactly once, in order", async () => {
  const TOTAL = 5000;
  const options = { reconnectionDelay: 100, reconnectionDelayMax: 1000, randomizationFactor: 0.2 };
  const { alice, bob } = await pair("recovery-cuts", PROXY_URL, options);
  let expected = 1;
  let duplicated = 0;
  let reordered = 0;
  let reconnects = 0;
  let notRecovered = 0;
  let byes = 0;
  alice.on("bye", () => byes++);
  bob.on("connect", () => {
    reconnects++;
    if (!bob.recovered) notRecovered++;
  });
  const done = new Promise((resolve) => {
    bob.on("message", (payload) => {
      const n = payload.n;
      if (n === expected) {
        expected++;
        if (n === TOTAL) resolve();
      } else if (n < expected) {
        duplicated++;
      } else {
        reordered++;
        expected = n + 1;
      }
    });
  });
  try {
    for (let n = 1; n <= TOTAL; n++) {
      alice.emit("message", { n });
      // About 500 events a second: a reconnect (100 ms to 1 s) leaves well under the 1,000
      // events a detached session may buffer.
      if (n % 5 === 0) await new Promise((r) => setTimeout(r, 10));
    }
    // unref: a pending timer must not keep node running once the test is over.
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), 60000).unref());
    await Promise.race([done, timeout]).catch((e) => e);
    const report = { received: expected - 1, lost: TOTAL - (expected - 1), duplicated, reordered, reconnects, notRecovered, byes };
    console.log("recovery under cuts: " + JSON.stringify(report));
    assert.equal(report.lost, 0, JSON.stringify(report));
    assert.equal(duplicated, 0, JSON.stringify(report));
    assert.equal(reordered, 0, JSON.stringify(report));
    assert.equal(notRecovered, 0, "every reconnect recovered: " + JSON.stringify(report));
    assert.equal(byes, 0);
    assert.ok(reconnects >= 20, "the proxy cut the connection many times: " + JSON.stringify(report));
  } finally {
    alice.close();
    bob.close();
  }
});
