package dev.signaling.spring.boot;

import dev.signaling.core.SignalingEngine;

/**
 * Adjusts the auto-configured {@link SignalingEngine} before it is built, without replacing it:
 * a clock, a peer id generator, handlers registered in code. Called in {@code @Order}, after the
 * configuration, the room backend and the {@code EventHandler} beans were applied. Not called
 * when the application defines its own {@code SignalingEngine} bean.
 */
@FunctionalInterface
public interface SignalingEngineCustomizer {
  void customize(SignalingEngine.Builder builder);
}
