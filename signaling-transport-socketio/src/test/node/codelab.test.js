// The codelab scenario, driven by the real socket.io-client against the server whose URL
// NodeClientIT passes in SERVER_URL (so does signaling-spring-boot-starter's SignalingStarterIT,
// against a Boot application with `echo` and `whoami` handler beans, from this module's test-jar).
// Run: SERVER_URL=http://127.0.0.1:PORT node --test
import { test } from "node:test";
import assert from "node:assert/strict";
import { io } from "socket.io-client";
import { peer as connectPeer } from "./peer.js";

const SERVER_URL = process.env.SERVER_URL;
assert.ok(SERVER_URL, "SERVER_URL must name the server under test");

const SETUPS = {
  "websocket only": { transports: ["websocket"] },
  "polling only": { transports: ["polling"] },
  "polling then websocket (the default)": {},
};

/** A connected client that records the codelab events it receives, in order. */
function peer(options) {
  return connectPeer(SERVER_URL, options);
}

for (const [setup, options] of Object.entries(SETUPS)) {
  test(`codelab scenario over ${setup}`, async () => {
    const room = `node-${setup.replace(/\W+/g, "-")}`;
    const alice = await peer(options);
    const bob = await peer(options);
    const carol = await peer(options);
    try {
      alice.emit("create or join", room);
      const created = await alice.next();
      assert.equal(created.name, "created");
      assert.equal(created.args[0], room);
      const aliceId = created.args[1];

      bob.emit("create or join", room);
      const joined = await bob.next();
      assert.deepEqual([joined.name, joined.args[0]], ["joined", room]);
      const bobId = joined.args[1];
      assert.deepEqual(await bob.next(), { name: "ready", args: [room] });
      assert.deepEqual(await alice.next(), { name: "join", args: [room, bobId] });
      assert.deepEqual(await alice.next(), { name: "ready", args: [room] });

      carol.emit("create or join", room);
      assert.deepEqual(await carol.next(), { name: "full", args: [room] });

      bob.emit("message", { type: "offer", sdp: "v=0 from bob" });
      assert.deepEqual(await alice.next(), { name: "message", args: [{ type: "offer", sdp: "v=0 from bob" }, bobId] });
      alice.emit("message", "got user media");
      assert.deepEqual(await bob.next(), { name: "message", args: ["got user media", aliceId] });

      const echoed = await alice.timeout(10000).emitWithAck("echo", "ping", { n: 42 });
      assert.deepEqual(echoed, "ping");

      bob.emit("bye", room);
      assert.deepEqual(await alice.next(), { name: "bye", args: [room, bobId] });

      if (options.transports === undefined) {
        // The default setup starts on polling and must end up upgraded.
        for (let i = 0; i < 50 && alice.io.engine.transport.name !== "websocket"; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        assert.equal(alice.io.engine.transport.name, "websocket");
      } else {
        assert.equal(alice.io.engine.transport.name, options.transports[0]);
      }
    } finally {
      alice.close();
      bob.close();
      carol.close();
    }
  });
}

test("an acknowledgement carries every argument back", async () => {
  const socket = await peer({});
  try {
    const args = await new Promise((resolve) => socket.emit("echo", 1, "2", { 3: [true] }, (...reply) => resolve(reply)));
    assert.deepEqual(args, [1, "2", { 3: [true] }]);
  } finally {
    socket.close();
  }
});

test("the CONNECT payload (auth) reaches the application", async () => {
  const socket = io(SERVER_URL, { forceNew: true, reconnection: false, auth: { token: "abc" } });
  try {
    const auth = await socket.timeout(10000).emitWithAck("whoami");
    assert.deepEqual(auth, { token: "abc" });
  } finally {
    socket.close();
  }
});

test("an unknown namespace is refused with connect_error", async () => {
  const socket = io(`${SERVER_URL}/nowhere`, { forceNew: true, reconnection: false });
  try {
    const error = await new Promise((resolve) => socket.once("connect_error", resolve));
    assert.equal(error.message, "Invalid namespace");
  } finally {
    socket.close();
  }
});
