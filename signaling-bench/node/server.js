'use strict';

// The WebRTC codelab's signaling server (step-05 index.js), ported to socket.io 4.8 for the
// benchmark comparison. Same events and room logic; two deliberate changes:
// - relay is room-scoped (socket.to(room)), not a broadcast to every connected socket;
// - the codelab's per-event `log` echo to the sender is off unless CODELAB_LOG=1, because the
//   Java server under test runs with its client log lines off too (equal work per message).
// Plus GET /stats (rooms, peers, heap) for the load generator, as the Java bench server has.

const http = require('http');
const path = require('path');
const { Server } = require('socket.io');

const socketIoVersion = require(path.join(path.dirname(require.resolve('socket.io')), '..', 'package.json')).version;

const port = Number(process.env.PORT || 8090);
const host = process.env.HOST || '127.0.0.1';
const clientLog = process.env.CODELAB_LOG === '1';

const httpServer = http.createServer((req, res) => {
  if (req.url === '/stats' || req.url.startsWith('/stats?')) {
    if (req.url.includes('gc=1') && global.gc) {
      global.gc();
    }
    const adapter = io.sockets.adapter;
    let rooms = 0;
    for (const name of adapter.rooms.keys()) {
      if (!adapter.sids.has(name)) rooms++; // skip each socket's own private room
    }
    const body = JSON.stringify({
      rooms,
      peers: io.engine.clientsCount,
      heapUsed: global.gc ? process.memoryUsage().heapUsed : -1,
    });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(body);
    return;
  }
  res.writeHead(404);
  res.end();
});

const io = new Server(httpServer);

io.sockets.on('connection', (socket) => {
  function log(...args) {
    if (clientLog) {
      socket.emit('log', ['Message from server:', ...args]);
    }
  }

  socket.on('message', (message) => {
    log('Client said: ', message);
    const room = socket.data.room;
    if (room) {
      socket.to(room).emit('message', message);
    }
  });

  socket.on('create or join', (room) => {
    log('Received request to create or join room ' + room);
    const clientsInRoom = io.sockets.adapter.rooms.get(room);
    const numClients = clientsInRoom ? clientsInRoom.size : 0;
    log('Room ' + room + ' now has ' + numClients + ' client(s)');

    if (numClients === 0) {
      socket.join(room);
      socket.data.room = room;
      log('Client ID ' + socket.id + ' created room ' + room);
      socket.emit('created', room, socket.id);
    } else if (numClients === 1) {
      log('Client ID ' + socket.id + ' joined room ' + room);
      io.sockets.in(room).emit('join', room);
      socket.join(room);
      socket.data.room = room;
      socket.emit('joined', room, socket.id);
      io.sockets.in(room).emit('ready');
    } else { // max two clients
      socket.emit('full', room);
    }
  });

  socket.on('bye', () => {
    const room = socket.data.room;
    if (room) {
      socket.leave(room);
      socket.data.room = undefined;
      socket.to(room).emit('bye', room);
    }
  });
});

httpServer.listen(port, host, () => {
  console.log(`Node reference server (socket.io ${socketIoVersion}) on http://${host}:${port}/ (pid ${process.pid})`);
});

process.on('SIGTERM', () => {
  io.close();
  process.exit(0);
});
