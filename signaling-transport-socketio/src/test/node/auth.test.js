// Authentication and room authorization, driven by the real socket.io-client against the server
// NodeAuthScenario passes in SERVER_URL, on WebSocket and on long-polling. The server admits
// GOOD_TOKEN for room ROOM only, ANY_TOKEN for every room ("*"), and refuses each token of
// BAD_TOKENS (a JSON object: what it is -> the token; "" means no token at all).
import { test } from "node:test";
import assert from "node:assert/strict";
import { io } from "socket.io-client";
import { peer as connectPeer } from "./peer.js";

const SERVER_URL = process.env.SERVER_URL;
const GOOD_TOKEN = process.env.GOOD_TOKEN;
const ANY_TOKEN = process.env.ANY_TOKEN;
const ROOM = process.env.ROOM;
const BAD_TOKENS = JSON.parse(process.env.BAD_TOKENS || "{}");
assert.ok(SERVER_URL && GOOD_TOKEN && ANY_TOKEN && ROOM, "SERVER_URL, GOOD_TOKEN, ANY_TOKEN and ROOM must be set");
assert.ok(Object.keys(BAD_TOKENS).length > 0, "BAD_TOKENS must name refused tokens");

const TRANSPORTS = { websocket: ["websocket"], polling: ["polling"] };

function client(transports, token) {
  const options = { forceNew: true, reconnection: false, transports };
  if (token !== undefined && token !== "") options.auth = { token };
  return io(SERVER_URL, options);
}

/** Resolves with the connect_error of a refused client, rejects if it connects. */
function refusal(socket) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("neither connect nor connect_error within 10 s")), 10000);
    socket.once("connect", () => {
      clearTimeout(timer);
      reject(new Error("connected, but should have been refused"));
    });
    socket.once("connect_error", (err) => {
      clearTimeout(timer);
      resolve(err);
    });
  });
}

/** A connected client (see peer.js); a refusal rejects with the connect_error message. */
async function peer(transports, token) {
  const options = { transports };
  if (token !== undefined && token !== "") options.auth = { token };
  try {
    return await connectPeer(SERVER_URL, options);
  } catch (err) {
    throw new Error(`refused: ${err.message}`);
  }
}

for (const [transport, transports] of Object.entries(TRANSPORTS)) {
  for (const [what, token] of Object.entries(BAD_TOKENS)) {
    test(`over ${transport}: ${what} is refused with connect_error unauthorized`, async () => {
      const socket = client(transports, token);
      try {
        const err = await refusal(socket);
        assert.equal(err.message, "unauthorized");
        assert.equal(err.data?.code, "unauthorized");
      } finally {
        socket.close();
      }
    });
  }

  test(`over ${transport}: a token for one room joins it, is forbidden elsewhere, and still works there`, async () => {
    const alice = await peer(transports, GOOD_TOKEN);
    const bob = await peer(transports, ANY_TOKEN);
    try {
      alice.emit("create or join", ROOM);
      const created = await alice.next();
      assert.equal(created.name, "created");
      const aliceId = created.args[1];

      alice.emit("create or join", `not-${ROOM}`);
      const forbidden = await alice.next();
      assert.equal(forbidden.name, "error");
      assert.equal(forbidden.args[0].code, "forbidden");
      assert.ok(alice.connected, "a forbidden join keeps the connection");

      bob.emit("create or join", ROOM);
      const joined = await bob.next();
      assert.equal(joined.name, "joined");
      const bobId = joined.args[1];
      assert.equal((await bob.next()).name, "ready");
      assert.deepEqual(await alice.next(), { name: "join", args: [ROOM, bobId] });
      assert.equal((await alice.next()).name, "ready");

      alice.emit("message", { type: "offer", sdp: "v=0" });
      assert.deepEqual(await bob.next(), { name: "message", args: [{ type: "offer", sdp: "v=0" }, aliceId] });
    } finally {
      alice.close();
      bob.close();
    }
  });

  test(`over ${transport}: a "*" token joins any room`, async () => {
    const ops = await peer(transports, ANY_TOKEN);
    try {
      const room = `anything-${transport}-${Date.now()}`;
      ops.emit("create or join", room);
      assert.deepEqual((await ops.next()).args[0], room);
    } finally {
      ops.close();
    }
  });
}
