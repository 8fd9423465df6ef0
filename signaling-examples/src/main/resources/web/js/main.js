'use strict';

// The codelab's signaling page: the room comes from the URL path (/foo joins room "foo"),
// with a prompt as fallback, and every signaling event is shown on the page.

const eventList = document.getElementById('events');
const statusText = document.getElementById('status');

function show(text, cssClass) {
  const item = document.createElement('li');
  item.textContent = text;
  if (cssClass) {
    item.className = cssClass;
  }
  eventList.appendChild(item);
  console.log(text);
}

function setStatus(state, text) {
  statusText.dataset.state = state;
  statusText.textContent = text;
}

function roomFromPath() {
  const path = decodeURIComponent(location.pathname.replace(/^\/+|\/+$/g, ''));
  return path === '' || path === 'index.html' ? null : path;
}

let room = roomFromPath();
if (room === null) {
  room = prompt('Enter room name:');
}
document.getElementById('room').textContent = room || '(none)';

const socket = signaling.connect();

if (room) {
  socket.emit('create or join', room);
  show('Attempted to create or join room ' + room);
}

socket.on('created', function (room, peerId) {
  show('Created room ' + room + ' (you are ' + peerId + ')');
  setStatus('waiting', 'waiting for a peer');
});

socket.on('full', function (room) {
  show('Room ' + room + ' is full', 'error');
  setStatus('full', 'room full');
});

socket.on('join', function (room, peerId) {
  show('Another peer made a request to join room ' + room + ' (' + peerId + ')');
});

socket.on('joined', function (room, peerId) {
  show('Joined room ' + room + ' (you are ' + peerId + ')');
});

socket.on('ready', function (room) {
  show('Room ' + room + ' is ready');
  setStatus('ready', 'ready');
});

socket.on('bye', function (room, peerId) {
  show('Peer ' + peerId + ' left room ' + room);
  setStatus('waiting', 'peer left, waiting for a peer');
});

socket.on('message', function (payload, from) {
  show('Message from ' + from + ': ' + JSON.stringify(payload));
});

socket.on('log', function (lines) {
  show(lines.join(' '));
});

socket.on('ipaddr', function (address) {
  show('Server IP address: ' + address);
});

socket.on('error', function (error) {
  show('Error ' + error.code + ': ' + error.message, 'error');
});

socket.on('disconnect', function (code, reason) {
  show('Disconnected (' + code + (reason ? ' ' + reason : '') + ')', 'error');
  setStatus('disconnected', 'disconnected');
});

if (location.hostname.match(/localhost|127\.0\.0/)) {
  socket.emit('ipaddr');
}

window.addEventListener('beforeunload', function () {
  if (room) {
    socket.emit('bye', room);
  }
});
