'use strict';

// A codelab-shaped page on socket.io's API: the room comes from ?room= (or a prompt), every
// signaling event is listed, and the form sends a `message` to the other peer of the room.
// Works with our /socket.io/socket.io.js or the real client bundle.

const eventList = document.getElementById('events');

function show(text) {
  const item = document.createElement('li');
  item.textContent = text;
  eventList.appendChild(item);
  console.log(text);
}

const room = new URLSearchParams(location.search).get('room') || prompt('Enter room name:');
document.getElementById('room').textContent = room || '(none)';

// A server that authenticates wants a token: this page passes its own ?token= on, as the
// CONNECT packet's auth payload (io(url, {auth: {token}})).
const token = new URLSearchParams(location.search).get('token');
const socket = token ? io.connect({ auth: { token: token } }) : io.connect();

if (room) {
  socket.emit('create or join', room);
  show('Attempted to create or join room ' + room);
}

socket.on('created', (room, id) => show('Created room ' + room + ' as ' + id));
socket.on('full', (room) => show('Room ' + room + ' is full'));
socket.on('join', (room, id) => show('Peer ' + id + ' made a request to join room ' + room));
socket.on('joined', (room, id) => show('Joined room ' + room + ' as ' + id));
socket.on('ready', () => show('Room is ready: both peers are here'));
socket.on('message', (message, from) => show('Message from ' + from + ': ' + JSON.stringify(message)));
socket.on('bye', (room, id) => show('Peer ' + id + ' left room ' + room));
socket.on('log', (lines) => show(lines.join(' ')));
socket.on('error', (error) => show(error.code === 'forbidden'
  ? 'Not allowed: forbidden to enter room ' + room + ' (the token does not grant it)'
  : 'Error: ' + error.code + ' ' + error.message));
socket.on('connect_error', (error) => show(error.message === 'unauthorized'
  ? 'Not allowed: unauthorized (' + (token ? 'the token was refused' : 'this server needs ?token= in the page URL') + ')'
  : 'Could not connect to the server: ' + error.message));
socket.on('disconnect', (reason) => show('Disconnected from the server (' + reason + ')'));

document.getElementById('message-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('message-input');
  if (input.value !== '') {
    socket.emit('message', input.value);
    show('Sent message: ' + JSON.stringify(input.value));
    input.value = '';
  }
});

window.addEventListener('beforeunload', () => {
  if (room) {
    socket.emit('bye', room);
  }
});
