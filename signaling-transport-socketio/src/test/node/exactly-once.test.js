// Exactly-once both ways with the real socket.io-client (run by SocketIoExactlyOnceIT): two peers,
// both connected through PROXY_URL, a proxy that resets their connections at random moments
// (about every 100 messages), exchange MESSAGES messages each way. Server -> client: connection
// state recovery (offsets). Client -> server: socket.io-client's `retries` queue (one event at a
// time, re-sent after a cut) with the event's number, `{ seq }`, as its last argument, which the
// server uses to process each event once (docs/SOCKETIO.md, "Exactly once, client to server").
import { test } from "node:test";
import assert from "node:assert/strict";
import { io } from "socket.io-client";
import { once } from "./peer.js";

const PROXY_URL = process.env.PROXY_URL;
const TRANSPORT = process.env.TRANSPORT ?? "websocket";
const TOTAL = Number(process.env.MESSAGES ?? 5000);
const TIME_LIMIT_MS = Number(process.env.TIME_LIMIT_MS ?? 25000); // under the file's --test-timeout
assert.ok(PROXY_URL, "PROXY_URL must be set");

// What docs/SOCKETIO.md recommends: retries without a limit (a finite count drops an event that
// meets that many cuts), an ackTimeout for acknowledgements lost without a disconnect, quick
// reconnects so the detached session's buffer (1,000 events) is never outrun.
const OPTIONS = {
  forceNew: true,
  transports: [TRANSPORT],
  retries: Infinity,
  ackTimeout: 3000,
  reconnectionDelay: 50,
  reconnectionDelayMax: 500,
  randomizationFactor: 0.2,
};

/** One peer: a socket, its numbered sender, and what it saw. */
function peer(name) {
  const socket = io(PROXY_URL, OPTIONS);
  let seq = 0;
  const send = (event, ...args) => socket.emit(event, ...args, { seq: ++seq });
  // What went on the wire: an event sent more than once was re-sent by the retries queue.
  const sent = new Map();
  socket.onAnyOutgoing((...args) => {
    const last = args[args.length - 1];
    if (last && typeof last.seq === "number") sent.set(last.seq, (sent.get(last.seq) ?? 0) + 1);
  });
  const seen = { name, expected: 1, duplicated: 0, reordered: 0, connects: 0, recovered: 0, notRecovered: 0, byes: 0, errors: [] };
  socket.on("connect", () => {
    seen.connects++;
    if (seen.connects > 1) {
      if (socket.recovered) seen.recovered++;
      else seen.notRecovered++;
    }
  });
  socket.on("bye", () => seen.byes++);
  socket.on("error", (e) => seen.errors.length < 5 && seen.errors.push(e));
  let finished;
  const done = new Promise((resolve) => (finished = resolve));
  socket.on("message", (payload) => {
    const n = payload.n;
    if (n === seen.expected) {
      seen.expected++;
      if (n === TOTAL) finished();
    } else if (n < seen.expected) {
      seen.duplicated++;
    } else {
      seen.reordered++; // a gap: something before n is missing or comes later
      seen.expected = n + 1;
    }
  });
  const resent = () => [...sent.values()].reduce((sum, times) => sum + times - 1, 0);
  return { socket, send, seen, done, resent };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test(`${TOTAL} messages each way through random cuts (${TRANSPORT}): each once, in order`, async () => {
  const alice = peer("alice");
  const bob = peer("bob");
  try {
    const created = once(alice.socket, "created", 15000);
    alice.send("create or join", "exactly-once");
    await created;
    const ready = once(bob.socket, "ready", 15000);
    bob.send("create or join", "exactly-once");
    await ready;

    const started = Date.now();
    // About 500 messages a second each way, queued in the client (sent one at a time, each after
    // the previous one's acknowledgement): a reconnect leaves well under the 1,000 events a
    // detached session may buffer.
    for (let n = 1; n <= TOTAL; n++) {
      alice.send("message", { n });
      bob.send("message", { n });
      if (n % 5 === 0) await sleep(10);
    }
    // Report before node's --test-timeout ends the file (SocketIoExactlyOnceIT gives it 15 s
    // more). The timer keeps node waiting even when both sockets are gone; cleared once done.
    let timer;
    const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve("timed out"), TIME_LIMIT_MS)));
    const outcome = await Promise.race([Promise.all([alice.done, bob.done]).then(() => "done"), timeout]);
    clearTimeout(timer);
    const report = {
      outcome,
      seconds: (Date.now() - started) / 1000,
      // a message alice sent is counted where bob received it, and the other way round
      aliceToBob: summary(bob.seen),
      bobToAlice: summary(alice.seen),
      resent: alice.resent() + bob.resent(), // repeats the server had to recognize (or never got the first time)
      reconnects: alice.seen.connects + bob.seen.connects - 2,
      recovered: alice.seen.recovered + bob.seen.recovered,
      notRecovered: alice.seen.notRecovered + bob.seen.notRecovered,
      byes: alice.seen.byes + bob.seen.byes,
      errors: [...alice.seen.errors, ...bob.seen.errors],
    };
    console.log("exactly-once under cuts: " + JSON.stringify(report));
    const text = JSON.stringify(report);
    for (const direction of [report.aliceToBob, report.bobToAlice]) {
      assert.equal(direction.lost, 0, text);
      assert.equal(direction.duplicated, 0, text);
      assert.equal(direction.reordered, 0, text);
    }
    assert.equal(report.notRecovered, 0, "every reconnect recovered: " + text);
    assert.equal(report.byes, 0, "nobody saw the other leave: " + text);
    assert.deepEqual(report.errors, [], text);
    assert.ok(report.recovered > 0, "the proxy cut the connections: " + text);
  } finally {
    alice.socket.close();
    bob.socket.close();
  }
});

function summary(seen) {
  return { received: seen.expected - 1, lost: TOTAL - (seen.expected - 1), duplicated: seen.duplicated, reordered: seen.reordered };
}

test(`the retries queue moves on without ackTimeout too (${TRANSPORT})`, async () => {
  // socket.io-client reads an acknowledgement's first argument as an error unless ackTimeout is
  // set; the server acknowledges the codelab events with null, so each is sent once.
  const socket = io(PROXY_URL, { forceNew: true, transports: [TRANSPORT], retries: Infinity });
  let sent = 0;
  socket.onAnyOutgoing(() => sent++);
  try {
    await once(socket, "connect");
    const acks = [];
    let timer;
    await new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no acknowledgements in 5 s; ${sent} packets sent`)), 5000);
      socket.emit("create or join", "no-ack-timeout", { seq: 1 }, (...args) => acks.push(args));
      socket.emit("message", { n: 1 }, { seq: 2 }, (...args) => {
        acks.push(args);
        resolve();
      });
    }).finally(() => clearTimeout(timer));
    await sleep(200);
    assert.deepEqual(acks, [[null], [null]], "each ack: no error");
    assert.equal(sent, 2, "each event sent once");
  } finally {
    socket.close();
  }
});
