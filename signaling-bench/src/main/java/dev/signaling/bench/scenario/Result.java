package dev.signaling.bench.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A run's figures, in order: printed as a table for people and written as JSON for tools. */
public final class Result {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Map<String, Object> values = new LinkedHashMap<>();

  public Result put(String key, Object value) {
    values.put(key, value instanceof Double d ? round(d) : value);
    return this;
  }

  public Object get(String key) {
    return values.get(key);
  }

  public Map<String, Object> values() {
    return values;
  }

  public String table() {
    int width = values.keySet().stream().mapToInt(String::length).max().orElse(10);
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      Object v = e.getValue();
      String text = v instanceof Double d ? String.format(Locale.ROOT, "%,.3f", d)
          : v instanceof Long || v instanceof Integer ? String.format(Locale.ROOT, "%,d", v) : String.valueOf(v);
      out.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", e.getKey(), text));
    }
    return out.toString();
  }

  public void write(Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    JSON.writeValue(file.toFile(), values);
  }

  static double round(double d) {
    return Double.isFinite(d) ? Math.round(d * 1000) / 1000.0 : -1;
  }
}
