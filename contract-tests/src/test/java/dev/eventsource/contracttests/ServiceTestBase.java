package dev.eventsource.contracttests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the service in-process on a free 127.0.0.1 port, with an SSE endpoint and callback endpoints
 * of the test's own, and drives it over HTTP as the suite does. Subclasses choose the transport.
 */
@Timeout(60)
abstract class ServiceTestBase {
  static final ObjectMapper JSON = new ObjectMapper();

  TestService service;
  ServiceClient client;
  SseServer sse;
  CallbackReceiver callbacks;
  private String tag = "";

  abstract TransportKind transport();

  @BeforeEach
  void startEverything(TestInfo test) throws Exception {
    tag = test.getDisplayName();
    sse = new SseServer();
    callbacks = new CallbackReceiver();
    service = TestService.start(transport(), 0);
    client = new ServiceClient(service.port());
  }

  @AfterEach
  void stopEverything() {
    service.stop();
    sse.close();
    callbacks.close();
  }

  /**
   * The parameters of a stream from the given path of the SSE endpoint, reporting to {@code to}.
   */
  ObjectNode params(String path, CallbackReceiver.Endpoint to) {
    return JSON.createObjectNode()
        .put("tag", tag)
        .put("streamUrl", sse.url(path))
        .put("callbackUrl", to.url);
  }

  /** Creates the stream; returns its resource, e.g. {@code /streams/1}. */
  String create(ObjectNode params) throws Exception {
    HttpResponse<String> response = client.post("/", JSON.writeValueAsString(params));
    assertThat(response.statusCode()).as("POST / answer: %s", response.body()).isEqualTo(201);
    String location = response.headers().firstValue("Location").orElse("");
    assertThat(location).matches("/streams/\\d+");
    return location;
  }

  /** Sends a command to a stream, expecting it to succeed. */
  void command(String stream, String json) throws Exception {
    HttpResponse<String> response = client.post(stream, json);
    assertThat(response.statusCode()).as("answer to %s: %s", json, response.body()).isEqualTo(204);
  }
}
