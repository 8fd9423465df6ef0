package dev.signaling.spring.boot.internal;

import dev.signaling.core.EventHandler;
import dev.signaling.core.SignalingEngine;
import dev.signaling.spring.boot.SignalingEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;

/** The application's {@link EventHandler} beans, by the event each handles. */
public final class EventHandlerBeans {
  private EventHandlerBeans() {}

  /**
   * @throws IllegalStateException when two beans handle one event, or a bean names a built-in event
   */
  public static Map<String, EventHandler> byEventName(ListableBeanFactory beans) {
    Map<String, EventHandler> handlers = new LinkedHashMap<>();
    Map<String, String> beanOfEvent = new LinkedHashMap<>();
    beans.getBeansOfType(EventHandler.class).forEach((beanName, handler) -> {
      SignalingEvent annotation = beans.findAnnotationOnBean(beanName, SignalingEvent.class);
      String event = annotation != null ? annotation.value() : beanName;
      if (SignalingEngine.BUILT_IN_EVENTS.contains(event)) {
        throw new IllegalStateException("EventHandler bean '" + beanName + "' would handle '" + event
            + "', a built-in event; name another event with @SignalingEvent");
      }
      String other = beanOfEvent.putIfAbsent(event, beanName);
      if (other != null) {
        throw new IllegalStateException("EventHandler beans '" + other + "' and '" + beanName
            + "' both handle the event '" + event + "'");
      }
      handlers.put(event, handler);
    });
    return handlers;
  }
}
