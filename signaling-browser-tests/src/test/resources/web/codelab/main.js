'use strict';

// Test fixture: a script written against the socket.io client the way the WebRTC codelab's
// signaling step uses it (handlers taking the room name, a `log` handler that spreads its
// array, string messages such as 'got user media'), with its connect line changed to
// signaling.connect(). Every handler notes what it got, for the test to read.

var isInitiator = false;
var isChannelReady = false;
var room = new URLSearchParams(location.search).get('room');

function note(text) {
  var item = document.createElement('li');
  item.textContent = text;
  document.getElementById('lines').appendChild(item);
}

var socket = signaling.connect(); // was: var socket = io.connect();

if (room !== '') {
  socket.emit('create or join', room);
}

socket.on('created', function (room) {
  isInitiator = true;
  note('created ' + room);
});

socket.on('full', function (room) {
  note('full ' + room);
});

socket.on('join', function (room) {
  isChannelReady = true;
  note('join ' + room);
});

socket.on('joined', function (room) {
  isChannelReady = true;
  note('joined ' + room);
  sendMessage('got user media');
});

socket.on('log', function (array) {
  console.log.apply(console, array);
  note('log');
});

function sendMessage(message) {
  socket.emit('message', message);
}

socket.on('message', function (message) {
  note('message ' + message);
  if (message === 'got user media' && isInitiator && isChannelReady) {
    sendMessage('offer');
  }
});
