'use strict';
// A page written for the web-root test in the shape a codelab reader writes (socket.io's
// io.connect(), 'create or join', 'message'), not copied from anywhere: it joins the room named
// in ?room=, and the second page to join calls the first.

var room = new URLSearchParams(location.search).get('room') || 'foo';
var log = document.getElementById('log');
var localVideo = document.getElementById('localVideo');
var remoteVideo = document.getElementById('remoteVideo');
var localStream = null;
var pc = null;
var initiator = false;

function note(text) {
  var item = document.createElement('li');
  item.textContent = text;
  log.appendChild(item);
}

var socket = io.connect();

function send(message) {
  socket.emit('message', message);
}

socket.on('created', function (r) { note('created ' + r); });
socket.on('joined', function (r) { note('joined ' + r); initiator = true; });
socket.on('join', function (r) { note('join ' + r); });
socket.on('full', function (r) { note('full ' + r); });
socket.on('ready', function () { note('ready'); if (initiator) { call(); } });
socket.on('message', function (message) {
  if (message === 'bye') { note('peer left'); return; }
  if (message.type === 'offer') {
    ensurePeerConnection();
    pc.setRemoteDescription(message)
      .then(function () { return pc.createAnswer(); })
      .then(function (answer) { return pc.setLocalDescription(answer); })
      .then(function () { send(pc.localDescription.toJSON()); note('answered'); });
  } else if (message.type === 'answer') {
    pc.setRemoteDescription(message).then(function () { note('got answer'); });
  } else if (message.type === 'candidate') {
    ensurePeerConnection();
    pc.addIceCandidate({ candidate: message.candidate, sdpMLineIndex: message.label, sdpMid: message.id });
  }
});

function ensurePeerConnection() {
  if (pc) { return; }
  pc = new RTCPeerConnection({ iceServers: [] });
  pc.onicecandidate = function (event) {
    if (event.candidate) {
      send({ type: 'candidate', label: event.candidate.sdpMLineIndex, id: event.candidate.sdpMid,
        candidate: event.candidate.candidate });
    }
  };
  pc.ontrack = function (event) { remoteVideo.srcObject = event.streams[0]; note('remote stream'); };
  localStream.getTracks().forEach(function (track) { pc.addTrack(track, localStream); });
}

function call() {
  ensurePeerConnection();
  pc.createOffer()
    .then(function (offer) { return pc.setLocalDescription(offer); })
    .then(function () { send(pc.localDescription.toJSON()); note('offered'); });
}

navigator.mediaDevices.getUserMedia({ audio: false, video: true }).then(function (stream) {
  localStream = stream;
  localVideo.srcObject = stream;
  note('got user media');
  socket.emit('create or join', room);
}).catch(function (e) { note('getUserMedia error: ' + e.name); });

window.demoPeerConnection = function () { return pc; };
