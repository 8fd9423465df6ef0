package dev.signaling.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/SPRING-BOOT.md names every property of the configuration metadata the build generates
 * (the metadata IDEs complete from), so the two cannot drift apart.
 */
class PropertiesDocumentedTest {

  @Test
  void theGuideListsEveryPropertyOfTheMetadata() throws Exception {
    JsonNode metadata;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("the configuration processor's metadata").isNotNull();
      metadata = new ObjectMapper().readTree(in);
    }
    String guide = Files.readString(Path.of("../docs/SPRING-BOOT.md"));
    List<String> names = new ArrayList<>();
    metadata.get("properties").forEach(property -> names.add(property.get("name").asText()));
    assertThat(names).hasSizeGreaterThan(25).contains("signaling.room-capacity", "signaling.redis.uri");
    assertThat(names).allSatisfy(name -> assertThat(guide).contains("`" + name + "`"));
  }
}
