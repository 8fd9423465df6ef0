package dev.signaling.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the application event an {@link dev.signaling.core.EventHandler} bean handles. Without
 * it, the bean's name is the event's name:
 *
 * <pre>{@code
 * @Bean
 * EventHandler mute() {                       // handles "mute"
 *   return (peer, args, ack) -> ...;
 * }
 *
 * @Bean
 * @SignalingEvent("set status")               // handles "set status"
 * EventHandler statusHandler() { ... }
 * }</pre>
 *
 * <p>On a {@code @Bean} method or on a component class.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SignalingEvent {
  /** The event's name, as clients emit it; not one of {@code SignalingEngine.BUILT_IN_EVENTS}. */
  String value();
}
