'use strict';

// A small client for the native signaling protocol (docs/PROTOCOL.md), shaped like the
// socket.io client the codelab uses: signaling.connect(url?), socket.emit(event, ...args),
// socket.on(event, handler). Each frame is {"event": name, "args": [...]}.
(function (global) {
  function defaultUrl() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return scheme + '//' + location.host + '/signaling';
  }

  function connect(url) {
    const handlers = {};
    const pending = [];
    const ws = new WebSocket(url || defaultUrl());

    function dispatch(event, args) {
      (handlers[event] || []).forEach(function (handler) { handler.apply(null, args); });
    }

    ws.onopen = function () {
      pending.splice(0).forEach(function (frame) { ws.send(frame); });
      dispatch('connect', []);
    };
    ws.onmessage = function (message) {
      let frame;
      try {
        frame = JSON.parse(message.data);
      } catch (e) {
        console.warn('unparseable frame from server', e);
        return;
      }
      dispatch(frame.event, frame.args || []);
    };
    ws.onclose = function (close) {
      dispatch('disconnect', [close.code, close.reason]);
    };

    return {
      emit: function (event) {
        const frame = JSON.stringify({ event: event, args: Array.prototype.slice.call(arguments, 1) });
        if (ws.readyState === WebSocket.OPEN) {
          ws.send(frame);
        } else {
          pending.push(frame);
        }
      },
      on: function (event, handler) {
        (handlers[event] = handlers[event] || []).push(handler);
      },
      close: function () {
        ws.close(1000);
      }
    };
  }

  global.signaling = { connect: connect };
})(window);
