package dev.signaling.transport.socketio;

import com.fasterxml.jackson.databind.JsonNode;

/** Refuses a namespace connection: the client receives CONNECT_ERROR with this message and data. */
public class ConnectRefusedException extends Exception {
  private final transient JsonNode data;

  public ConnectRefusedException(String message) {
    this(message, null);
  }

  /** @param data extra detail for the client ({@code err.data} in socket.io-client), or null */
  public ConnectRefusedException(String message, JsonNode data) {
    super(message);
    this.data = data;
  }

  public JsonNode data() {
    return data;
  }
}
