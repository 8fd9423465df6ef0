'use strict';
// Runs the web app's js/signaling.js on Node.js (its WebSocket) against a real server, for
// SignalingJsRestartIT: prints one line per event the Java side waits for.
//   node --experimental-websocket restart.js <path of signaling.js>   (SERVER_URL: ws://.../signaling)
const fs = require('fs');
const vm = require('vm');

globalThis.window = globalThis;
globalThis.location = { protocol: 'http:', host: 'unused' };
vm.runInThisContext(fs.readFileSync(process.argv[2], 'utf8'), { filename: 'signaling.js' });

const socket = window.signaling.connect(process.env.SERVER_URL);
let reconnects = 0;
socket.on('created', (room) => console.log('CREATED ' + room));
socket.on('disconnect', (code) => console.log('DISCONNECT ' + code));
socket.on('reconnecting', (attempt, delayMs) => {
  console.log('RECONNECTING ' + delayMs);
  reconnects += 1;
  if (reconnects === 2) {
    socket.close();
    process.exit(0);
  }
});
socket.emit('create or join', 'restart-room');
setTimeout(() => {
  console.log('TIMEOUT');
  process.exit(1);
}, 20000);
