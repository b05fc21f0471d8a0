package dev.eventsource.contracttests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The suite's REST protocol: {@code /} for the service and {@code /streams/{id}} for each client.
 * Answers 400 with a JSON {@code {"error": ...}} for a request it cannot act on, 404 for an unknown
 * resource, 405 for a method a resource does not have.
 */
final class Routes implements HttpHandler {
  private static final String STREAMS = "/streams/";

  private final TestService service;
  private final ObjectMapper json;

  Routes(TestService service, ObjectMapper json) {
    this.service = service;
    this.json = json;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/")) {
        root(exchange);
      } else if (path.startsWith(STREAMS) && path.length() > STREAMS.length()) {
        stream(exchange, path.substring(STREAMS.length()));
      } else {
        respond(exchange, 404, null);
      }
    } catch (BadRequestException e) {
      Log.info("400 for %s %s: %s", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      respond(exchange, 400, json.createObjectNode().put("error", e.getMessage()));
    } catch (RuntimeException e) {
      Log.info("500 for %s %s: %s", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      respond(exchange, 500, json.createObjectNode().put("error", String.valueOf(e)));
    } finally {
      exchange.close();
    }
  }

  private void root(HttpExchange exchange) throws IOException, BadRequestException {
    switch (exchange.getRequestMethod()) {
      case "GET":
        respond(exchange, 200, service.status());
        break;
      case "POST":
        String id = service.createStream(StreamParams.parse(readJson(exchange)));
        exchange.getResponseHeaders().set("Location", STREAMS + id);
        respond(exchange, 201, null);
        break;
      case "DELETE":
        respond(exchange, 204, null);
        exchange.close();
        service.stopSoon();
        break;
      default:
        respond(exchange, 405, null);
    }
  }

  private void stream(HttpExchange exchange, String id) throws IOException, BadRequestException {
    switch (exchange.getRequestMethod()) {
      case "POST":
        StreamClient client = service.stream(id);
        if (client == null) {
          respond(exchange, 404, null);
          return;
        }
        command(client, readJson(exchange));
        respond(exchange, 204, null);
        break;
      case "DELETE":
        respond(exchange, service.deleteStream(id) ? 204 : 404, null);
        break;
      default:
        respond(exchange, 405, null);
    }
  }

  private static void command(StreamClient client, JsonNode body) throws BadRequestException {
    String command = body.path("command").asText("");
    if (command.equals("restart")) {
      client.restart();
    } else if (command.equals("listen")) {
      JsonNode type = body.path("listen").path("type");
      if (!type.isTextual()) {
        throw new BadRequestException("listen needs listen.type, a string");
      }
      client.listen(type.textValue());
    } else {
      throw new BadRequestException("unknown command '" + command + "'");
    }
  }

  private JsonNode readJson(HttpExchange exchange) throws IOException, BadRequestException {
    try (InputStream in = exchange.getRequestBody()) {
      JsonNode node = json.readTree(in.readAllBytes());
      if (node == null || !node.isObject()) {
        throw new BadRequestException("expected a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new BadRequestException("malformed JSON: " + e.getOriginalMessage());
    }
  }

  /** Sends the status with a JSON body, or with no body at all when {@code body} is null. */
  private void respond(HttpExchange exchange, int status, @Nullable JsonNode body)
      throws IOException {
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
