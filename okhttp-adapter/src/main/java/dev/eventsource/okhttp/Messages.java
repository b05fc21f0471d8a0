package dev.eventsource.okhttp;

import dev.eventsource.transport.TransportRequest;
import dev.eventsource.transport.TransportResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/** Converts between the transport SPI's request and response values and OkHttp's. */
final class Messages {
  /** The type of a body sent without a {@code Content-Type} header. */
  private static final MediaType DEFAULT_BODY_TYPE = MediaType.get("text/plain; charset=utf-8");

  private static final byte[] NO_BYTES = new byte[0];

  private Messages() {}

  /**
   * Builds the OkHttp request for a transport request.
   *
   * @throws IllegalArgumentException if OkHttp refuses the URL, a header, or the method and body
   *     (e.g. a GET with a body)
   */
  static Request toOkHttp(TransportRequest request) {
    Headers.Builder headers = new Headers.Builder();
    for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
      for (String value : header.getValue()) {
        // TransportRequest already refused CR, LF and NUL. Anything else, e.g. a Last-Event-ID of
        // "\u2026", goes out as UTF-8, as browsers send it; OkHttp's add() would refuse it.
        headers.addUnsafeNonAscii(header.getKey(), value);
      }
    }
    return new Request.Builder()
        .url(HttpUrl.get(request.url().toString()))
        .headers(headers.build())
        .method(request.method(), body(request))
        .build();
  }

  private static @Nullable RequestBody body(TransportRequest request) {
    byte[] bytes = request.body();
    if (bytes == null) {
      // OkHttp insists on a body for these methods; an empty one sends "Content-Length: 0".
      return requiresBody(request.method()) ? RequestBody.create(NO_BYTES, null) : null;
    }
    String contentType = request.header("Content-Type");
    // A type OkHttp cannot parse stays as the header the caller set; OkHttp leaves it alone.
    MediaType type = contentType == null ? DEFAULT_BODY_TYPE : MediaType.parse(contentType);
    return RequestBody.create(bytes, type);
  }

  /** The methods OkHttp's {@code Request.Builder} refuses without a body. */
  private static boolean requiresBody(String method) {
    return method.equals("POST")
        || method.equals("PUT")
        || method.equals("PATCH")
        || method.equals("PROPPATCH")
        || method.equals("REPORT");
  }

  /**
   * The status and headers of an OkHttp response, reported for the URL that answered.
   *
   * @param url the request URL, exactly as the event source built it
   */
  static TransportResponse toTransport(Response response, URI url) {
    Headers headers = response.headers();
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < headers.size(); i++) {
      List<String> values = map.get(headers.name(i));
      if (values == null) {
        values = new ArrayList<>();
        map.put(headers.name(i), values);
      }
      values.add(headers.value(i));
    }
    return TransportResponse.of(response.code(), map, url);
  }
}
