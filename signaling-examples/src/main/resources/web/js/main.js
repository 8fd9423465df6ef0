'use strict';

// The demo page: a two-person video call with text chat in the room named by the URL path
// (/foo is room "foo"). Both tabs join the room; when the server says the room is `ready`, the
// peer that was there first makes the offer. Offer, answer and ICE candidates travel as
// `message` payloads: {type: 'offer' | 'answer', sdp} and {type: 'candidate', candidate}.

const $ = function (id) { return document.getElementById(id); };
const localVideo = $('local-video');
const remoteVideo = $('remote-video');
const chatLog = $('chat-log');
const chatInput = $('chat-input');
const chatSend = $('chat-send');

// Call state. `pc` is the current RTCPeerConnection, null between calls.
let socket = null;
let room = null;
let localStream = null;
let rtcConfig = { iceServers: [] };
let pc = null;
let chat = null;
let initiator = false;
let inRoom = false; // meant to be in the room: false after hanging up or being refused
let pendingCandidates = [];
let inbox = Promise.resolve(); // handles relayed messages strictly one after another

function logEvent(text, cssClass) {
  const item = document.createElement('li');
  item.textContent = new Date().toLocaleTimeString() + ' ' + text;
  if (cssClass) {
    item.className = cssClass;
  }
  $('events').appendChild(item);
  console.log(text);
}

function setStatus(state, text) {
  const status = $('status');
  status.dataset.state = state;
  status.textContent = text;
}

function chatLine(text, cssClass) {
  const item = document.createElement('li');
  item.textContent = text;
  item.className = cssClass;
  chatLog.appendChild(item);
}

function roomFromPath() {
  const path = decodeURIComponent(location.pathname.replace(/^\/+|\/+$/g, ''));
  return path === '' || path === 'index.html' ? null : path;
}

// Where the server authenticates clients (--jwt-secret-file), `?token=...` in the page URL is this
// page's credential (a demo convenience: a real app gets it from its own login). It goes to GET
// /config as a bearer token and to the signaling connection as its `token` parameter. It is
// personal: links for others never carry it.
const token = new URLSearchParams(location.search).get('token');

function roomUrl(name, keepToken) {
  const url = location.origin + '/' + encodeURIComponent(name);
  return keepToken && token ? url + '?token=' + encodeURIComponent(token) : url;
}

// 10 characters from an alphabet without look-alikes: about 49 bits, enough not to collide.
function randomRoomName() {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, function (b) { return alphabet[b % alphabet.length]; }).join('');
}

function showLobby() {
  $('lobby').hidden = false;
  setStatus('lobby', 'no room chosen');
  const link = $('new-room-link');
  const name = randomRoomName();
  link.href = roomUrl(name, true);
  link.textContent = roomUrl(name, false);
  $('room-form').addEventListener('submit', function (e) {
    e.preventDefault();
    const name = $('room-input').value.trim();
    if (name) {
      location.assign(roomUrl(name, true));
    }
  });
}

// Camera and microphone, else camera only; without either the page still joins, receives the
// other side's video and chats.
async function getLocalMedia() {
  if (!navigator.mediaDevices) {
    // Browsers offer cameras only to secure contexts: https:// pages, or http://localhost.
    chatLine('This page is not served over HTTPS or from localhost, so the browser offers no camera '
      + 'or microphone here. See the README: "Trying it across two devices".', 'note');
    return null;
  }
  const attempts = [{ video: true, audio: true }, { video: true }];
  for (const constraints of attempts) {
    try {
      return await navigator.mediaDevices.getUserMedia(constraints);
    } catch (e) {
      logEvent('getUserMedia(' + JSON.stringify(constraints) + ') failed: ' + e.name, 'error');
    }
  }
  return null;
}

// `?iceTransportPolicy=relay` in the page URL makes calls use TURN relays only: a way to check
// that the TURN server works (and what the TURN browser test uses).
const iceTransportPolicy = new URLSearchParams(location.search).get('iceTransportPolicy');

function withPolicy(config) {
  if (iceTransportPolicy === 'relay' || iceTransportPolicy === 'all') {
    config.iceTransportPolicy = iceTransportPolicy;
  }
  return config;
}

// The ICE servers come from the server (GET /config, then the `ice-servers` event on the
// signaling connection, which also brings fresh TURN credentials before the old ones expire),
// so deployments set their STUN/TURN there.
async function getRtcConfig() {
  try {
    const headers = token ? { Authorization: 'Bearer ' + token } : {};
    const response = await fetch('/config', { cache: 'no-store', headers: headers });
    if (response.ok) {
      return withPolicy(await response.json());
    }
    logEvent('GET /config answered ' + response.status + '; calling without ICE servers', 'error');
  } catch (e) {
    logEvent('GET /config failed: ' + e + '; calling without ICE servers', 'error');
  }
  return withPolicy({ iceServers: [] });
}

function resetPeer() {
  if (chat !== null) {
    chat.close();
    chat = null;
  }
  if (pc !== null) {
    pc.close();
    pc = null;
  }
  pendingCandidates = [];
  remoteVideo.srcObject = null;
  $('remote-caption').textContent = 'Waiting for a peer';
  chatInput.disabled = true;
  chatSend.disabled = true;
  chatInput.placeholder = 'Connect to chat';
}

function createPeer() {
  const peer = new RTCPeerConnection(rtcConfig);
  pc = peer;
  peer.onicecandidate = function (e) {
    if (e.candidate && pc === peer) {
      socket.emit('message', { type: 'candidate', candidate: e.candidate.toJSON() });
    }
  };
  peer.ontrack = function (e) {
    if (pc !== peer) {
      return;
    }
    const stream = e.streams[0] || new MediaStream([e.track]);
    if (remoteVideo.srcObject !== stream) {
      remoteVideo.srcObject = stream;
      remoteVideo.play().catch(function (err) {
        logEvent('remote video did not start: ' + err.name, 'error');
      });
    }
    $('remote-caption').textContent = 'Peer';
  };
  peer.onconnectionstatechange = function () {
    if (pc !== peer) {
      return;
    }
    logEvent('peer connection ' + peer.connectionState);
    if (peer.connectionState === 'connected') {
      setStatus('connected', 'connected');
    } else if (peer.connectionState === 'failed') {
      setStatus('failed', 'the call could not connect (no ICE path; see README)');
    } else if (peer.connectionState === 'disconnected') {
      setStatus('connecting', 'connection interrupted, reconnecting');
    }
  };
  peer.ondatachannel = function (e) {
    if (pc === peer) {
      attachChat(e.channel);
    }
  };
  if (localStream !== null) {
    localStream.getTracks().forEach(function (track) { peer.addTrack(track, localStream); });
  } else {
    peer.addTransceiver('video', { direction: 'recvonly' });
    peer.addTransceiver('audio', { direction: 'recvonly' });
  }
  return peer;
}

function attachChat(channel) {
  chat = channel;
  channel.onopen = function () {
    if (chat === channel) {
      chatInput.disabled = false;
      chatSend.disabled = false;
      chatInput.placeholder = 'Message';
    }
  };
  channel.onclose = function () {
    if (chat === channel) {
      chatInput.disabled = true;
      chatSend.disabled = true;
    }
  };
  channel.onmessage = function (e) {
    chatLine('Peer: ' + e.data, 'peer');
  };
}

async function call() {
  const peer = createPeer();
  attachChat(peer.createDataChannel('chat'));
  await peer.setLocalDescription(await peer.createOffer());
  socket.emit('message', { type: 'offer', sdp: peer.localDescription.sdp });
}

async function handleMessage(payload) {
  if (payload === null || typeof payload !== 'object') {
    return;
  }
  if (payload.type === 'offer') {
    resetPeer();
    const peer = createPeer();
    await peer.setRemoteDescription({ type: 'offer', sdp: payload.sdp });
    await flushCandidates(peer);
    await peer.setLocalDescription(await peer.createAnswer());
    if (pc === peer) {
      socket.emit('message', { type: 'answer', sdp: peer.localDescription.sdp });
    }
  } else if (payload.type === 'answer' && pc !== null && pc.signalingState === 'have-local-offer') {
    const peer = pc;
    await peer.setRemoteDescription({ type: 'answer', sdp: payload.sdp });
    await flushCandidates(peer);
  } else if (payload.type === 'candidate') {
    if (pc !== null && pc.remoteDescription !== null) {
      await pc.addIceCandidate(payload.candidate);
    } else {
      pendingCandidates.push(payload.candidate); // arrived before the offer/answer was applied
    }
  }
}

async function flushCandidates(peer) {
  const queued = pendingCandidates.splice(0);
  for (const candidate of queued) {
    if (pc === peer) {
      await peer.addIceCandidate(candidate);
    }
  }
}

function hangUp() {
  inRoom = false;
  resetPeer();
  socket.emit('bye', room);
  setStatus('hung-up', 'you hung up; the room is free');
  chatLine('You hung up.', 'note');
  $('hang-up').disabled = true;
  $('join-again').hidden = false;
}

function connectSignaling() {
  socket = signaling.connect(null, { token: token });

  socket.on('created', function (r, peerId) {
    logEvent('created room ' + r + ' (you are ' + peerId + ')');
    resetPeer();
    initiator = true; // first in the room: offer when a peer arrives
    setStatus('waiting', 'waiting for a peer');
    $('hang-up').disabled = false;
  });

  socket.on('joined', function (r, peerId) {
    logEvent('joined room ' + r + ' (you are ' + peerId + ')');
    resetPeer();
    initiator = false; // the peer already there makes the offer
    setStatus('connecting', 'peer found, connecting');
    $('hang-up').disabled = false;
  });

  socket.on('join', function (r, peerId) {
    logEvent('peer ' + peerId + ' joins room ' + r);
    resetPeer();
    initiator = true;
  });

  socket.on('ready', function (r) {
    logEvent('room ' + r + ' is ready');
    setStatus('connecting', 'peer found, connecting');
    if (initiator) {
      inbox = inbox.then(call).catch(function (e) { logEvent('offer failed: ' + e, 'error'); });
    }
  });

  socket.on('full', function (r) {
    logEvent('room ' + r + ' is full', 'error');
    inRoom = false;
    setStatus('full', 'room full: two people are already in this call');
    chatLine('This room is full. Start another call from ' + location.origin + '/', 'note');
    socket.close(); // nothing more to do here; no reconnecting into a full room
  });

  socket.on('bye', function (r, peerId) {
    logEvent('peer ' + peerId + ' left room ' + r);
    resetPeer();
    initiator = true; // still in the room: offer to whoever joins next
    setStatus('peer-left', 'peer left; waiting for someone to join');
    chatLine('The other person left.', 'note');
  });

  // The other person's signaling connection dropped and the server waits for it to resume (the
  // call itself may well go on); 'peer-reconnected' or, after the server's window, 'bye' follows.
  socket.on('peer-disconnected', function (r, peerId) {
    logEvent('peer ' + peerId + ' lost its signaling connection; waiting for it to come back');
    chatLine('The other person\'s connection dropped; waiting for them to come back.', 'note');
  });

  socket.on('peer-reconnected', function (r, peerId) {
    logEvent('peer ' + peerId + ' is back');
    chatLine('The other person is back.', 'note');
  });

  socket.on('message', function (payload) {
    inbox = inbox.then(function () { return handleMessage(payload); })
      .catch(function (e) { logEvent('handling ' + (payload && payload.type) + ' failed: ' + e, 'error'); });
  });

  socket.on('ice-servers', function (config) {
    rtcConfig = withPolicy(config);
    logEvent('ICE servers from the server: ' + config.iceServers.length);
    if (pc !== null) {
      try {
        pc.setConfiguration(rtcConfig); // the next ICE gathering uses the fresh credentials
      } catch (e) {
        logEvent('could not update the ICE servers of the call: ' + e, 'error');
      }
    }
  });
  socket.on('log', function (lines) {
    logEvent(lines.join(' '));
  });
  socket.on('ipaddr', function (address) {
    logEvent('server IP address: ' + address);
  });
  socket.on('error', function (error) {
    logEvent('error ' + error.code + ': ' + error.message, 'error');
    if (error.code === 'unauthorized') {
      // The server wants a valid token in this page's URL: ?token=... (the socket gives up).
      inRoom = false;
      resetPeer();
      setStatus('unauthorized', 'not allowed: ' + (token ? 'this link\'s token was refused (' + error.message + ')'
        : 'this server needs a token in the link (?token=...)'));
      chatLine('Not allowed to connect: ask for a link with a valid token.', 'note');
    } else if (error.code === 'forbidden') {
      inRoom = false;
      resetPeer();
      setStatus('forbidden', 'forbidden: your token does not grant room ' + room);
      chatLine('Your token does not let you into this room.', 'note');
      socket.close();
    }
  });
  socket.on('connect', function () {
    logEvent('connected to the signaling server');
  });
  socket.on('disconnect', function (code) {
    logEvent('signaling connection closed (' + code + ')', 'error');
    // The client reconnects and resumes the session (the call setup goes on: 'resumed'), or,
    // when the server no longer has it, rejoins ('created'/'joined' set the call up anew); not
    // after a refusal (1008 after `unauthorized`).
    if (inRoom && code !== 1008) {
      setStatus('reconnecting', 'lost the signaling server, reconnecting');
    }
  });
  socket.on('resumed', function () {
    logEvent('signaling session resumed');
    if (pc === null) {
      setStatus('waiting', 'waiting for a peer');
    } else if (pc.connectionState === 'connected') {
      setStatus('connected', 'connected');
    } else {
      setStatus('connecting', 'peer found, connecting');
    }
  });
}

async function start() {
  $('call').hidden = false;
  $('share-link').href = roomUrl(room);
  $('share-link').textContent = roomUrl(room);
  setStatus('starting', 'starting the camera');
  const results = await Promise.all([getLocalMedia(), getRtcConfig()]);
  localStream = results[0];
  rtcConfig = results[1];
  if (localStream !== null) {
    localVideo.srcObject = localStream;
  } else {
    chatLine('No camera or microphone: you will see and hear the other person only.', 'note');
    $('local-video').closest('figure').querySelector('figcaption').textContent = 'You (no camera)';
  }
  // Join only once the camera is on, so that `ready` means both sides can call.
  connectSignaling();
  inRoom = true;
  socket.emit('create or join', room);
}

$('hang-up').addEventListener('click', hangUp);
$('join-again').addEventListener('click', function () {
  $('join-again').hidden = true;
  inRoom = true;
  setStatus('waiting', 'joining');
  socket.emit('create or join', room);
});
$('chat-form').addEventListener('submit', function (e) {
  e.preventDefault();
  const text = chatInput.value;
  if (text === '' || chat === null || chat.readyState !== 'open') {
    return;
  }
  chat.send(text);
  chatLine('You: ' + text, 'you');
  chatInput.value = '';
});
window.addEventListener('pagehide', function () {
  if (socket !== null && room !== null) {
    socket.emit('bye', room); // frees the room at once instead of when the socket closes
  }
});

// For tests and the curious: the current RTCPeerConnection, or null.
window.demo = { peerConnection: function () { return pc; } };

room = roomFromPath();
$('room').textContent = room || '(none)';
if (room === null) {
  showLobby();
} else {
  start().catch(function (e) {
    logEvent('could not start: ' + e, 'error');
    setStatus('error', 'could not start: ' + e.message);
  });
}
