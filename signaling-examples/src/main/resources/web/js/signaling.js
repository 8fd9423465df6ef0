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
 *   options  { reconnect: true, minDelayMs: 500, maxDelayMs: 10000, restartJitterMs: 250, token: null }
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
 *                                 'resumed'      ()                   the session continued: nothing
 *                                                                     was lost, no rejoin was needed
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
 * A close with code 1012 (service restart: the server drains before it stops) means "reconnect
 * now, elsewhere": the client reconnects at once, within a random 0..restartJitterMs so that a
 * node's clients do not all arrive in the same millisecond. If that new connection is closed with
 * 1012 again before the server sent anything (the same node, still draining), the usual backoff
 * applies.
 *
 * Resuming (docs/PROTOCOL.md, "Resume"): when the server resumes sessions (its first frame is
 * 'welcome'), a reconnection asks to resume with ?resume=<token>&seq=<last event seen>. The
 * server answers 'resumed' and re-sends what the page missed; the client re-sends what the server
 * had not processed. The page sees every event once, in order, and no second 'create or join'
 * is sent: the room never saw it leave. Only when the resume is refused (the window passed)
 * does the client start over as above. Events are numbered ("seq") and the last one received is
 * acknowledged ("ack") on each frame sent.
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

  function connect(url, options) {
    const settings = Object.assign({ reconnect: true, minDelayMs: 500, maxDelayMs: 10000, restartJitterMs: 250, token: null }, options);
    const target = withToken(url || defaultUrl(), settings.token);
    const handlers = {};
    const pending = []; // {event, args} emitted while no session is live on a socket
    const unconfirmed = []; // {seq, event, args} sent but not yet known processed by the server
    let resumeToken = null; // the session's resume token, once the server welcomed us
    let lastSeq = 0; // the last server event seq processed
    let clientSeq = 0; // the last seq this client gave an event
    let resuming = false; // the open socket asked to resume and awaits 'resumed' or 'welcome'
    let ws = null;
    let room = null; // the room to join again after a reconnect
    let closedByUser = false;
    let attempt = 0;
    let restarts = 0; // 1012 closes in a row with no frame from the server in between
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

    function sendNumbered(event, args) {
      clientSeq += 1;
      unconfirmed.push({ seq: clientSeq, event: event, args: args });
      if (unconfirmed.length > 1000) {
        unconfirmed.shift();
      }
      ws.send(JSON.stringify({ event: event, args: args, seq: clientSeq, ack: lastSeq }));
    }

    // A new session on the open socket: join the room again (after a reconnect), then what waited.
    function startSession(rejoin) {
      clientSeq = 0;
      unconfirmed.length = 0;
      if (rejoin && room !== null && !pending.some(function (p) { return p.event === 'create or join'; })) {
        sendNumbered('create or join', [room]);
      }
      pending.splice(0).forEach(function (p) { sendNumbered(p.event, p.args); });
    }

    function open() {
      retryTimer = null;
      resuming = resumeToken !== null;
      const url = resuming
        ? target + (target.indexOf('?') < 0 ? '?' : '&') + 'resume=' + encodeURIComponent(resumeToken) + '&seq=' + lastSeq
        : target;
      const socket = new WebSocket(url);
      ws = socket;
      socket.onopen = function () {
        const reconnected = attempt > 0;
        attempt = 0;
        if (!resuming) {
          lastSeq = 0;
          startSession(reconnected);
        }
        dispatch('connect', []);
      };
      socket.onmessage = function (message) {
        restarts = 0;
        let parsed;
        try {
          parsed = JSON.parse(message.data);
        } catch (e) {
          console.warn('signaling: unparseable frame from the server', e);
          return;
        }
        if (ws !== socket) {
          return;
        }
        const args = parsed.args || [];
        if (parsed.event === 'welcome') {
          const welcome = args[0] || {};
          resumeToken = welcome.resumeToken || null;
          lastSeq = 0;
          if (resuming) { // the resume was refused: a new session
            resuming = false;
            startSession(true);
          }
          return;
        }
        if (parsed.event === 'resumed') {
          const processed = (args[0] || {}).seq || 0;
          resuming = false;
          const resend = unconfirmed.splice(0).filter(function (u) { return u.seq > processed; });
          resend.forEach(function (u) {
            unconfirmed.push(u);
            socket.send(JSON.stringify({ event: u.event, args: u.args, seq: u.seq, ack: lastSeq }));
          });
          pending.splice(0).forEach(function (p) { sendNumbered(p.event, p.args); });
          dispatch('resumed', []);
          return;
        }
        if (parsed.event === 'error' && args[0] && args[0].code === 'unauthorized') {
          refused = true;
        }
        if (parsed.event === 'error' && args[0] && args[0].code === 'resume-failed') {
          return; // a 'welcome' for the new session follows
        }
        if (typeof parsed.ack === 'number') { // our events the server has processed
          while (unconfirmed.length > 0 && unconfirmed[0].seq <= parsed.ack) {
            unconfirmed.shift();
          }
        }
        if (typeof parsed.seq === 'number') {
          if (parsed.seq <= lastSeq) {
            return; // replayed, seen already
          }
          lastSeq = parsed.seq;
        }
        dispatch(parsed.event, args);
      };
      socket.onclose = function (close) {
        if (ws !== socket) {
          return;
        }
        ws = null;
        restarts = close.code === 1012 ? restarts + 1 : 0;
        dispatch('disconnect', [close.code, close.reason]);
        if (!closedByUser && !refused && settings.reconnect) {
          scheduleReconnect(restarts === 1);
        }
      };
    }

    function scheduleReconnect(now) {
      attempt += 1;
      const tries = Math.max(attempt, restarts);
      const base = Math.min(settings.maxDelayMs, settings.minDelayMs * Math.pow(2, tries - 1));
      const delay = now
        ? Math.round(Math.random() * settings.restartJitterMs)
        : Math.round(base / 2 + Math.random() * base / 2);
      dispatch('reconnecting', [attempt, delay]);
      retryTimer = setTimeout(open, delay);
    }

    open();

    // Leaving the page is leaving the room: an orderly close (1000) ends the session at once
    // (other closes would keep it resumable, and the partner waiting, for the server's window).
    if (typeof global.addEventListener === 'function') {
      global.addEventListener('pagehide', function () {
        if (ws !== null && ws.readyState === WebSocket.OPEN) {
          ws.close(1000);
        }
      });
    }

    return {
      emit: function (event) {
        const args = Array.prototype.slice.call(arguments, 1);
        if (event === 'create or join') {
          room = args[0];
        } else if (event === 'bye') {
          room = null;
        }
        if (ws !== null && ws.readyState === WebSocket.OPEN && !resuming) {
          sendNumbered(event, args);
        } else if (!closedByUser) {
          pending.push({ event: event, args: args });
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
