package dev.signaling.examples.springboot;

import dev.signaling.core.SignalingEngine;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The web app's two dynamic paths; the files themselves are static resources ({@code
 * classpath:/web/}, from signaling-examples). A one-segment path that names no file is a room:
 * {@code /myroom} gets {@code index.html}, whose script reads the room name from the URL.
 */
@Controller
class WebAppController {
  private final SignalingEngine engine;

  WebAppController(SignalingEngine engine) {
    this.engine = engine;
  }

  /**
   * {@code GET /config}: the ICE servers from the engine's provider, shaped like an {@code
   * RTCConfiguration}; TURN credentials are signed per request, so never cached.
   */
  @GetMapping("/config")
  @ResponseBody
  CompletableFuture<ResponseEntity<String>> config() {
    // An anonymous caller has no id of its own: a random one names it to TURN.
    return engine.iceServers(UUID.randomUUID().toString()).toCompletableFuture()
        .thenApply(ice -> ResponseEntity.ok()
            .cacheControl(CacheControl.noStore())
            .contentType(MediaType.APPLICATION_JSON)
            .body(ice.toJson().toString()));
  }

  /** A room: a single path segment without a dot (files have one: index.html, main.css). */
  @GetMapping("/{room:[^.]+}")
  String room() {
    return "forward:/index.html";
  }
}
