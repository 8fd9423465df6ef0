// A connected socket.io client that records the codelab events it receives, in order; shared by
// the Node tests of this directory.
import { io } from "socket.io-client";

/**
 * Connects to url with socket.io-client options (forceNew, no reconnection); resolves once
 * connected, rejects on connect_error. socket.next() resolves with the next {name, args}.
 */
export async function peer(url, options) {
  const socket = io(url, { forceNew: true, reconnection: false, ...options });
  const received = [];
  const waiters = [];
  for (const name of ["created", "join", "joined", "ready", "full", "message", "bye", "error"]) {
    socket.on(name, (...args) => {
      const event = { name, args };
      const waiter = waiters.shift();
      if (waiter) waiter(event);
      else received.push(event);
    });
  }
  await new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  socket.next = () => {
    if (received.length) return Promise.resolve(received.shift());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no event within 10 s")), 10000);
      waiters.push((event) => {
        clearTimeout(timer);
        resolve(event);
      });
    });
  };
  return socket;
}

/** Resolves with the arguments of the next `event` on `socket`; rejects after `ms` without one. */
export function once(socket, event, ms = 10000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    socket.once(event, (...args) => {
      clearTimeout(timer);
      resolve(args);
    });
  });
}
