// Our own small client (served at /socket.io/socket.io.js) running a codelab-shaped page's
// script: io.connect(), create or join, message relay, acks. Needs node --experimental-websocket.
import { test } from "node:test";
import assert from "node:assert/strict";
import vm from "node:vm";

const SERVER_URL = process.env.SERVER_URL;

async function loadClient() {
  const response = await fetch(`${SERVER_URL}/socket.io/socket.io.js`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type"), /javascript/);
  // A page's window: the location it was served from and the browser's WebSocket.
  const window = { location: { origin: SERVER_URL }, WebSocket, JSON, console };
  vm.runInNewContext(await response.text(), { window, globalThis: window });
  return window.io;
}

function nextEvent(socket, name) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} within 10 s`)), 10000);
    socket.on(name, (...args) => {
      clearTimeout(timer);
      resolve(args);
    });
  });
}

test("our own client script serves a codelab-shaped page", async () => {
  const io = await loadClient();
  const alice = io.connect();
  const bob = io.connect();
  try {
    await Promise.all([nextEvent(alice, "connect"), nextEvent(bob, "connect")]);
    assert.ok(alice.connected && typeof alice.id === "string");

    const created = nextEvent(alice, "created");
    alice.emit("create or join", "own-client-room");
    assert.equal((await created)[0], "own-client-room");

    const joined = nextEvent(bob, "joined");
    const ready = nextEvent(alice, "ready");
    bob.emit("create or join", "own-client-room");
    const [, bobId] = await joined;
    await ready;

    const relayed = nextEvent(alice, "message");
    bob.emit("message", { type: "offer", sdp: "v=0" });
    // Values made in the page's realm: compare them as JSON.
    assert.equal(JSON.stringify(await relayed), JSON.stringify([{ type: "offer", sdp: "v=0" }, bobId]));

    const acked = await new Promise((resolve) => alice.emit("echo", "hi", 7, (...args) => resolve(args)));
    assert.equal(JSON.stringify(acked), JSON.stringify(["hi", 7]));

    const bye = nextEvent(alice, "bye");
    bob.disconnect();
    assert.equal(JSON.stringify(await bye), JSON.stringify(["own-client-room", bobId]));
  } finally {
    alice.disconnect();
    bob.disconnect();
  }
});
