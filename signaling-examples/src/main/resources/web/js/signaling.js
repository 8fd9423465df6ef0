'use strict';

/*
 * A small browser client for the native signaling protocol (docs/PROTOCOL.md), shaped like the
 * socket.io client that the WebRTC codelab uses, so code written for that client needs only its
 * connect line changed:
 *
 *   const socket = signaling.connect();          // ws(s)://<this host>/signaling
 *   socket.on('created', function (room, peerId) { ... });
 *   socket.emit('create or join', 'foo');
 *
 * signaling.connect(url?, options?) -> socket
 *   url      WebSocket URL; default: /signaling on the page's own host (wss: on https pages).
 *   options  { reconnect: true, minDelayMs: 500, maxDelayMs: 10000, token: null }
 *            token: a credential (a JWT) for servers that authenticate, sent as the `token`
 *            query parameter of the WebSocket URL (browsers cannot set headers on a WebSocket).
 *
 * socket.emit(event, ...args)   sends {"event": event, "args": args}. Frames emitted while the
 *                               socket is not open are queued and sent, in order, once it is.
 * socket.on(event, handler)     handler(...args) for each server event of that name, plus the
 *                               client's own events:
 *                                 'connect'      ()                   the socket opened (again)
 *                                 'disconnect'   (code, reason)       the socket closed
 *                                 'reconnecting' (attempt, delayMs)   a new try is scheduled
 * socket.off(event, handler)    removes a handler.
 * socket.connected              true while the socket is open.
 * socket.close()                closes for good: no reconnect.
 *
 * Reconnecting: after a close the client did not ask for, it opens a new connection after a
 * delay that doubles from minDelayMs up to maxDelayMs (with jitter, so a restarted server is not
 * hit by every client at once). The server sees a new peer: a room the socket had joined with
 * 'create or join' (and not left with 'bye') is joined again first, before any queued frame, and
 * the page gets 'created' or 'joined' for it as for a first join.
 *
 * Refusals: a server that refuses the credential sends 'error' {code: 'unauthorized'} and closes
 * (1008); the socket then does not reconnect (the same token would be refused again). A
 * 'forbidden' error (a room the token does not grant) leaves the socket open.
 */
(function (global) {
  function defaultUrl() {
    const scheme = global.location.protocol === 'https:' ? 'wss:' : 'ws:';
    return scheme + '//' + global.location.host + '/signaling';
  }

  function withToken(url, token) {
    if (!token) {
      return url;
    }
    return url + (url.indexOf('?') < 0 ? '?' : '&') + 'token=' + encodeURIComponent(token);
  }

  function frame(event, args) {
    return JSON.stringify({ event: event, args: args });
  }

  function connect(url, options) {
    const settings = Object.assign({ reconnect: true, minDelayMs: 500, maxDelayMs: 10000, token: null }, options);
    const target = withToken(url || defaultUrl(), settings.token);
    const handlers = {};
    const pending = [];
    let ws = null;
    let room = null; // the room to join again after a reconnect
    let closedByUser = false;
    let attempt = 0;
    let retryTimer = null;
    let refused = false; // the server refused the credential: reconnecting would not help

    function dispatch(event, args) {
      (handlers[event] || []).slice().forEach(function (handler) {
        try {
          handler.apply(null, args);
        } catch (e) {
          // One failing handler must not stop the others or the socket.
          console.error('signaling: handler for "' + event + '" failed', e);
        }
      });
    }

    function open() {
      retryTimer = null;
      const socket = new WebSocket(target);
      ws = socket;
      socket.onopen = function () {
        const rejoin = attempt > 0 && room !== null;
        attempt = 0;
        if (rejoin && !pending.some(function (f) { return JSON.parse(f).event === 'create or join'; })) {
          socket.send(frame('create or join', [room]));
        }
        pending.splice(0).forEach(function (f) { socket.send(f); });
        dispatch('connect', []);
      };
      socket.onmessage = function (message) {
        let parsed;
        try {
          parsed = JSON.parse(message.data);
        } catch (e) {
          console.warn('signaling: unparseable frame from the server', e);
          return;
        }
        if (parsed.event === 'error' && parsed.args && parsed.args[0] && parsed.args[0].code === 'unauthorized') {
          refused = true;
        }
        dispatch(parsed.event, parsed.args || []);
      };
      socket.onclose = function (close) {
        if (ws !== socket) {
          return;
        }
        ws = null;
        dispatch('disconnect', [close.code, close.reason]);
        if (!closedByUser && !refused && settings.reconnect) {
          scheduleReconnect();
        }
      };
    }

    function scheduleReconnect() {
      attempt += 1;
      const base = Math.min(settings.maxDelayMs, settings.minDelayMs * Math.pow(2, attempt - 1));
      const delay = Math.round(base / 2 + Math.random() * base / 2);
      dispatch('reconnecting', [attempt, delay]);
      retryTimer = setTimeout(open, delay);
    }

    open();

    return {
      emit: function (event) {
        const args = Array.prototype.slice.call(arguments, 1);
        if (event === 'create or join') {
          room = args[0];
        } else if (event === 'bye') {
          room = null;
        }
        const f = frame(event, args);
        if (ws !== null && ws.readyState === WebSocket.OPEN) {
          ws.send(f);
        } else if (!closedByUser) {
          pending.push(f);
        }
      },
      on: function (event, handler) {
        (handlers[event] = handlers[event] || []).push(handler);
      },
      off: function (event, handler) {
        handlers[event] = (handlers[event] || []).filter(function (h) { return h !== handler; });
      },
      get connected() {
        return ws !== null && ws.readyState === WebSocket.OPEN;
      },
      close: function () {
        closedByUser = true;
        if (retryTimer !== null) {
          clearTimeout(retryTimer);
          retryTimer = null;
        }
        if (ws !== null) {
          ws.close(1000);
        }
      }
    };
  }

  global.signaling = { connect: connect };
})(window);
