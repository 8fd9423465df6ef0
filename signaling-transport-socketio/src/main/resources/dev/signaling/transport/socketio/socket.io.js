/*
 * A small Socket.IO v4 client of this project's own (not the socket.io project's bundle),
 * served at /socket.io/socket.io.js so codelab-style pages work unchanged: io() / io.connect(),
 * socket.on(event, fn), socket.emit(event, ...args[, ackFn]), socket.id, socket.connected,
 * socket.disconnect(). WebSocket transport only, main namespace only, no binary payloads; for
 * more, load the real socket.io-client instead.
 */
(function (global) {
  "use strict";

  function Socket(url, options) {
    this.handlers = {};
    this.acks = {};
    this.nextAckId = 0;
    this.pending = [];
    this.connected = false;
    this.offsets = false;
    this.id = undefined;
    this.auth = options.auth || null;
    var base = (url || (global.location ? global.location.origin : "")).replace(/\/+$/, "");
    var path = options.path || "/socket.io/";
    this.open(base.replace(/^http/, "ws") + path + "?EIO=4&transport=websocket");
    var self = this;
    if (global.addEventListener) {
      // Leaving the page is leaving the room: an orderly disconnect, so the others get bye at
      // once rather than after the server's resume window.
      global.addEventListener("pagehide", function () {
        self.disconnect();
      });
    }
  }

  Socket.prototype.open = function (webSocketUrl) {
    var self = this;
    var ws = new global.WebSocket(webSocketUrl);
    this.ws = ws;
    ws.onmessage = function (event) {
      if (typeof event.data === "string") {
        self.onEngineIoPacket(event.data);
      }
    };
    ws.onclose = function () {
      var wasConnected = self.connected;
      self.connected = false;
      if (wasConnected) {
        self.fire("disconnect", ["transport close"]);
      } else if (!self.refused) {
        self.fire("connect_error", [new Error("connection closed")]);
      }
    };
  };

  Socket.prototype.onEngineIoPacket = function (packet) {
    switch (packet.charAt(0)) {
      case "0": // Engine.IO open: join the main namespace, with the auth payload if any
        this.ws.send("40" + (this.auth ? JSON.stringify(this.auth) : ""));
        break;
      case "2": // ping
        this.ws.send("3");
        break;
      case "1": // close
        this.ws.close();
        break;
      case "4":
        this.onSocketIoPacket(packet.substring(1));
        break;
    }
  };

  Socket.prototype.onSocketIoPacket = function (packet) {
    var type = packet.charAt(0);
    var rest = packet.substring(1);
    if (rest.charAt(0) === "/") {
      return; // another namespace: this client only joins the main one
    }
    var parts = /^(\d*)([\s\S]*)$/.exec(rest);
    var ackId = parts[1];
    var data = parts[2] ? JSON.parse(parts[2]) : undefined;
    switch (type) {
      case "0": // CONNECT answered
        this.id = data.sid;
        // A pid: the server recovers connections and ends each event with its offset. This
        // client does not reconnect, so it leaves the offset out: handlers get the codelab's
        // arguments exactly.
        this.offsets = typeof data.pid === "string";
        this.connected = true;
        var queued = this.pending;
        this.pending = [];
        for (var i = 0; i < queued.length; i++) {
          this.ws.send(queued[i]);
        }
        this.fire("connect", []);
        break;
      case "1": // DISCONNECT by the server
        this.connected = false;
        this.fire("disconnect", ["io server disconnect"]);
        break;
      case "2": // EVENT
        var name = data.shift();
        if (this.offsets && data.length && typeof data[data.length - 1] === "string") {
          data.pop();
        }
        if (ackId) {
          data.push(this.ackSender(ackId));
        }
        this.fire(name, data);
        break;
      case "3": // ACK
        var callback = this.acks[ackId];
        delete this.acks[ackId];
        if (callback) {
          callback.apply(this, data);
        }
        break;
      case "4": // CONNECT_ERROR
        this.refused = true;
        this.fire("connect_error", [new Error(data && data.message)]);
        break;
    }
  };

  Socket.prototype.ackSender = function (ackId) {
    var self = this;
    var sent = false;
    return function () {
      if (!sent) {
        sent = true;
        self.ws.send("43" + ackId + JSON.stringify(Array.prototype.slice.call(arguments)));
      }
    };
  };

  Socket.prototype.on = function (event, handler) {
    (this.handlers[event] = this.handlers[event] || []).push(handler);
    return this;
  };

  Socket.prototype.fire = function (event, args) {
    var handlers = (this.handlers[event] || []).slice();
    for (var i = 0; i < handlers.length; i++) {
      handlers[i].apply(this, args);
    }
  };

  Socket.prototype.emit = function (event) {
    var args = Array.prototype.slice.call(arguments, 1);
    var ackId = "";
    if (args.length && typeof args[args.length - 1] === "function") {
      ackId = String(this.nextAckId++);
      this.acks[ackId] = args.pop();
    }
    var packet = "42" + ackId + JSON.stringify([event].concat(args));
    if (this.connected) {
      this.ws.send(packet);
    } else {
      this.pending.push(packet); // sent once the namespace is joined, like socket.io's buffer
    }
    return this;
  };

  Socket.prototype.disconnect = Socket.prototype.close = function () {
    if (this.connected) {
      this.ws.send("41");
    }
    this.connected = false;
    this.ws.close();
    return this;
  };

  function io(url, options) {
    if (typeof url === "object" && url !== null) {
      options = url;
      url = undefined;
    }
    return new Socket(url, options || {});
  }
  io.connect = io;
  global.io = io;
})(typeof window !== "undefined" ? window : globalThis);
