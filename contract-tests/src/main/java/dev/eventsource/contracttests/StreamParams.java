package dev.eventsource.contracttests;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The body of the suite's {@code POST /}, checked: one client for one test. Absent and {@code null}
 * fields mean the same thing (the suite omits empty ones).
 */
final class StreamParams {
  final String tag;
  final String streamUrl;
  final String callbackUrl;

  /** Null: the library's default reconnection time. */
  final @Nullable Long initialDelayMs;

  /** Null: no read timeout. */
  final @Nullable Long readTimeoutMs;

  /** Null: none, as in the browser. */
  final @Nullable String lastEventId;

  /** Null: GET. */
  final @Nullable String method;

  /** Null: no body. */
  final @Nullable String body;

  /** Names as the suite sent them (lower case), in its order. */
  final Map<String, String> headers;

  private StreamParams(JsonNode json) throws BadRequestException {
    this.tag = optionalText(json, "tag", "");
    this.streamUrl = requiredText(json, "streamUrl");
    this.callbackUrl = requiredText(json, "callbackUrl");
    this.initialDelayMs = optionalMillis(json, "initialDelayMs");
    this.readTimeoutMs = optionalMillis(json, "readTimeoutMs");
    this.lastEventId = optionalText(json, "lastEventId", null);
    this.method = optionalText(json, "method", null);
    this.body = optionalText(json, "body", null);
    this.headers = headers(json);
    if (body != null && method == null) {
      throw new BadRequestException("a body needs a method such as POST");
    }
  }

  /**
   * Reads and checks the parameters.
   *
   * @throws BadRequestException if the JSON is not an object, {@code streamUrl} or {@code
   *     callbackUrl} is missing, or a field has the wrong type or a negative time
   */
  static StreamParams parse(JsonNode json) throws BadRequestException {
    if (!json.isObject()) {
      throw new BadRequestException("expected a JSON object");
    }
    return new StreamParams(json);
  }

  private static String requiredText(JsonNode json, String field) throws BadRequestException {
    String value = optionalText(json, field, null);
    if (value == null || value.isEmpty()) {
      throw new BadRequestException(field + " is required");
    }
    return value;
  }

  private static @Nullable String optionalText(JsonNode json, String field, @Nullable String absent)
      throws BadRequestException {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return absent;
    }
    if (!node.isTextual()) {
      throw new BadRequestException(field + " must be a string");
    }
    return node.textValue();
  }

  private static @Nullable Long optionalMillis(JsonNode json, String field)
      throws BadRequestException {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
      throw new BadRequestException(field + " must be a whole number of milliseconds, 0 or more");
    }
    return node.longValue();
  }

  private static Map<String, String> headers(JsonNode json) throws BadRequestException {
    JsonNode node = json.get("headers");
    if (node == null || node.isNull()) {
      return Collections.emptyMap();
    }
    if (!node.isObject()) {
      throw new BadRequestException("headers must be an object of strings");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> header : node.properties()) {
      if (!header.getValue().isTextual()) {
        throw new BadRequestException("header " + header.getKey() + " must be a string");
      }
      headers.put(header.getKey(), header.getValue().textValue());
    }
    return Collections.unmodifiableMap(headers);
  }
}
