package dev.eventsource.contracttests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventsource.testing.StreamScript;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The service's own resources: status, creation, commands, deletion, shutdown. */
abstract class ServiceProtocolContract extends ServiceTestBase {
  @Test
  void statusNamesTheTransportAndClaimsAllTenCapabilities() throws Exception {
    HttpResponse<String> response = client.get("/");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode status = JSON.readTree(response.body());
    assertThat(status.path("name").asText())
        .isEqualTo("eventsource-java (" + transport().id() + ")");
    List<String> capabilities = new ArrayList<>();
    status.path("capabilities").forEach(c -> capabilities.add(c.asText()));
    assertThat(capabilities)
        .containsExactlyInAnyOrder(
            "bom",
            "comments",
            "headers",
            "last-event-id",
            "post",
            "report",
            "read-timeout",
            "restart",
            "server-directed-shutdown-request",
            "event-type-listeners");
  }

  @Test
  void badCreateRequestsAre400() throws Exception {
    String callbackUrl = callbacks.endpoint().url;
    String streamUrl = sse.url("/s");
    List<String> bad =
        List.of(
            "not json",
            "",
            "[]",
            "{}",
            "{\"callbackUrl\":\"" + callbackUrl + "\"}",
            "{\"streamUrl\":\"" + streamUrl + "\"}",
            "{\"streamUrl\":\"ftp://127.0.0.1/s\",\"callbackUrl\":\"" + callbackUrl + "\"}",
            "{\"streamUrl\":\"" + streamUrl + "\",\"callbackUrl\":\"relative/path\"}",
            "{\"streamUrl\":\""
                + streamUrl
                + "\",\"callbackUrl\":\""
                + callbackUrl
                + "\",\"initialDelayMs\":-1}",
            "{\"streamUrl\":\""
                + streamUrl
                + "\",\"callbackUrl\":\""
                + callbackUrl
                + "\",\"readTimeoutMs\":\"soon\"}",
            "{\"streamUrl\":\""
                + streamUrl
                + "\",\"callbackUrl\":\""
                + callbackUrl
                + "\",\"headers\":{\"bad header\":\"x\"}}",
            "{\"streamUrl\":\""
                + streamUrl
                + "\",\"callbackUrl\":\""
                + callbackUrl
                + "\",\"body\":\"no method\"}");
    for (String body : bad) {
      assertThat(client.post("/", body).statusCode()).as("POST / %s", body).isEqualTo(400);
    }
    assertThat(sse.pollRequest("/s", 200)).as("a stream started by a bad request").isNull();
  }

  @Test
  void badCommandsAre400() throws Exception {
    sse.stream("/s");
    String stream = create(params("/s", callbacks.endpoint()));

    assertThat(client.post(stream, "{\"command\":\"dance\"}").statusCode()).isEqualTo(400);
    assertThat(client.post(stream, "{}").statusCode()).isEqualTo(400);
    assertThat(client.post(stream, "{\"command\":\"listen\"}").statusCode()).isEqualTo(400);
    assertThat(client.post(stream, "nonsense").statusCode()).isEqualTo(400);
  }

  @Test
  void unknownStreamsAre404() throws Exception {
    sse.stream("/s");
    String stream = create(params("/s", callbacks.endpoint()));

    assertThat(client.post("/streams/999", "{\"command\":\"restart\"}").statusCode())
        .isEqualTo(404);
    assertThat(client.delete("/streams/999").statusCode()).isEqualTo(404);
    assertThat(client.delete(stream).statusCode()).isEqualTo(204);
    assertThat(client.delete(stream).statusCode()).isEqualTo(404);
    assertThat(client.post(stream, "{\"command\":\"restart\"}").statusCode()).isEqualTo(404);
    assertThat(client.get("/elsewhere").statusCode()).isEqualTo(404);
  }

  @Test
  void streamsRunConcurrentlyEachNumberedFromOne() throws Exception {
    int count = 4;
    List<CallbackReceiver.Endpoint> endpoints = new ArrayList<>();
    List<StreamScript> scripts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      endpoints.add(callbacks.endpoint());
      scripts.add(sse.stream("/s" + i));
      create(params("/s" + i, endpoints.get(i)));
    }
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < count; i++) {
        scripts.get(i).send("id: " + i + "\ndata: round " + round + "\n\n");
      }
    }
    for (int i = 0; i < count; i++) {
      for (int round = 0; round < 3; round++) {
        endpoints.get(i).expectEvent("message", "round " + round, "" + i);
      }
    }
  }

  @Test
  void deleteRootStopsTheService() throws Exception {
    sse.stream("/s");
    create(params("/s", callbacks.endpoint()));

    assertThat(client.delete("/").statusCode()).isEqualTo(204);

    assertThat(service.awaitStopped(5, TimeUnit.SECONDS)).as("stopped").isTrue();
    assertThatThrownBy(() -> client.get("/")).isInstanceOf(IOException.class);
  }
}
