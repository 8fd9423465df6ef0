package dev.signaling.examples.springboot;

import dev.signaling.core.IceServer;
import dev.signaling.core.SignalingConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
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
  private final Map<String, Object> clientConfig;

  WebAppController(SignalingConfig config) {
    this.clientConfig = Map.of("iceServers", config.iceServers().stream().map(WebAppController::json).toList());
  }

  /** {@code GET /config}: the ICE servers, shaped like an {@code RTCConfiguration}; never cached. */
  @GetMapping("/config")
  @ResponseBody
  ResponseEntity<Map<String, Object>> config() {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(clientConfig);
  }

  /** A room: a single path segment without a dot (files have one: index.html, main.css). */
  @GetMapping("/{room:[^.]+}")
  String room() {
    return "forward:/index.html";
  }

  private static Map<String, Object> json(IceServer ice) {
    Map<String, Object> server = new LinkedHashMap<>();
    server.put("urls", List.copyOf(ice.urls()));
    if (ice.username() != null) {
      server.put("username", ice.username());
    }
    if (ice.credential() != null) {
      server.put("credential", ice.credential());
    }
    return server;
  }
}
