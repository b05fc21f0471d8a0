package dev.eventsource.jdk;

import dev.eventsource.transport.RequestRefusedException;
import dev.eventsource.transport.TransportRequest;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Turns a {@link TransportRequest} into the {@link HttpRequest} of one hop. */
final class HttpRequests {
  private HttpRequests() {}

  /**
   * Builds the request: method, body and headers exactly as given, no timeout (streams are
   * long-lived; core's read timeout governs).
   *
   * @throws IOException if java.net.http refuses the URL or a header (the JDK reserves {@code
   *     Host}, {@code Connection}, {@code Content-Length}, {@code Expect} and {@code Upgrade})
   */
  static HttpRequest toHttpRequest(TransportRequest request) throws IOException {
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(request.url());
    } catch (IllegalArgumentException e) {
      throw new RequestRefusedException("java.net.http refuses the URL " + request.url(), e);
    }
    byte[] body = request.body();
    builder.method(
        request.method(),
        body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
      for (String value : header.getValue()) {
        addHeader(builder, header.getKey(), value);
      }
    }
    return builder.build();
  }

  private static void addHeader(HttpRequest.Builder builder, String name, String value)
      throws IOException {
    String wire = wireValue(value);
    try {
      builder.header(name, wire);
    } catch (IllegalArgumentException e) {
      throw refused(name, value, e);
    }
  }

  /**
   * The value as java.net.http must be given it. The JDK accepts only chars up to U+00FF and writes
   * each as one byte (HPACK on HTTP/2), so a non-ASCII value is passed as its UTF-8 bytes, one char
   * per byte: the wire then carries UTF-8, as a browser sends it (WHATWG HTML §9.2.4 sends the last
   * event ID "encoded as UTF-8"). The JDK's HTTP/1.1 encoder writes US-ASCII, though, and turns
   * each of those bytes into {@code ?}: a JDK limitation no public API works around.
   */
  static String wireValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) >= 0x80) {
        return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
      }
    }
    return value;
  }

  private static RequestRefusedException refused(
      String name, String value, IllegalArgumentException e) {
    try {
      HttpRequest.newBuilder().header(name, "0");
    } catch (IllegalArgumentException nameRefused) {
      // The JDK's message names the header, never its value: safe to keep as the cause.
      return new RequestRefusedException(
          "java.net.http refuses the request header "
              + name
              + ": the JDK reserves it for itself or does not allow its name",
          e);
    }
    // The JDK's message would quote the value, which may be a secret: leave it out.
    return new RequestRefusedException(
        "java.net.http refuses the value of request header "
            + name
            + ": control character at index "
            + firstControl(value));
  }

  private static int firstControl(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return i;
      }
    }
    return -1;
  }
}
