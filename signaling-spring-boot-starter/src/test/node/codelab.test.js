// The real socket.io-client against a Spring Boot application that uses the starter, at the
// URL NodeClient passes in SERVER_URL (and the Socket.IO path in SOCKETIO_PATH).
import { test } from "node:test";
import assert from "node:assert/strict";
import { io } from "socket.io-client";

const SERVER_URL = process.env.SERVER_URL;
const SOCKETIO_PATH = process.env.SOCKETIO_PATH || "/socket.io/";
assert.ok(SERVER_URL, "SERVER_URL must name the application under test");

const TRANSPORTS = {
  "websocket": { transports: ["websocket"] },
  "polling": { transports: ["polling"] },
  "polling upgraded to websocket": {},
};

/** A connected client whose `next()` resolves with the next codelab event it received. */
async function connect(options) {
  const socket = io(SERVER_URL, { path: SOCKETIO_PATH, forceNew: true, reconnection: false, ...options });
  const queue = [];
  const waiting = [];
  for (const name of ["created", "join", "joined", "ready", "full", "message", "bye", "error"]) {
    socket.on(name, (...received) => {
      // The starter follows the engine's resume policy (on by default): with a pid, each event
      // ends with its offset, which codelab handlers never read; recorded without it.
      const args = socket._pid && typeof received.at(-1) === "string" ? received.slice(0, -1) : received;
      const event = { name, args };
      const waiter = waiting.shift();
      if (waiter) waiter(event);
      else queue.push(event);
    });
  }
  await new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  socket.next = () => queue.length
    ? Promise.resolve(queue.shift())
    : new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no event within 10 s")), 10000);
      waiting.push((event) => { clearTimeout(timer); resolve(event); });
    });
  return socket;
}

for (const [transport, options] of Object.entries(TRANSPORTS)) {
  test(`codelab over ${transport}`, async () => {
    const room = `boot-${transport.replace(/\W+/g, "-")}`;
    const [alice, bob, carol] = await Promise.all([connect(options), connect(options), connect(options)]);
    try {
      alice.emit("create or join", room);
      const created = await alice.next();
      assert.deepEqual([created.name, created.args[0]], ["created", room]);
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

      bob.emit("message", { type: "answer", sdp: "v=0 from bob" });
      assert.deepEqual(await alice.next(), { name: "message", args: [{ type: "answer", sdp: "v=0 from bob" }, bobId] });
      alice.emit("message", "got user media");
      assert.deepEqual(await bob.next(), { name: "message", args: ["got user media", aliceId] });

      // An EventHandler bean of the application, answering with an acknowledgement.
      assert.deepEqual(await alice.timeout(10000).emitWithAck("echo", "ping", { n: 42 }), "ping");

      bob.emit("bye", room);
      assert.deepEqual(await alice.next(), { name: "bye", args: [room, bobId] });

      if (options.transports === undefined) {
        for (let i = 0; i < 50 && alice.io.engine.transport.name !== "websocket"; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      assert.equal(alice.io.engine.transport.name, options.transports ? options.transports[0] : "websocket");
    } finally {
      alice.close();
      bob.close();
      carol.close();
    }
  });
}

test("an acknowledgement from an EventHandler bean carries every argument back", async () => {
  const socket = await connect({ auth: { token: "abc" } });
  try {
    const args = await new Promise((resolve) => socket.emit("echo", 1, "2", { 3: [true] }, (...reply) => resolve(reply)));
    assert.deepEqual(args, [1, "2", { 3: [true] }]);
    assert.deepEqual(await socket.timeout(10000).emitWithAck("whoami"), { token: "abc" });
  } finally {
    socket.close();
  }
});
