package dev.eventsource.transport;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** The status line and headers of the response to one {@link TransportRequest}. Immutable. */
public final class TransportResponse {
  private final int status;
  private final Map<String, List<String>> headers;
  private final URI url;

  private TransportResponse(int status, Map<String, List<String>> headers, URI url) {
    this.status = status;
    this.headers = headers;
    this.url = url;
  }

  /**
   * Creates a response.
   *
   * @param status the HTTP status code
   * @param headers the response headers; names are matched without regard to case
   * @param url the URL that answered: the request's
   * @return the response
   */
  public static TransportResponse of(int status, Map<String, List<String>> headers, URI url) {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(url, "url");
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() == null) {
        continue; // HttpURLConnection-style status line entries carry no name
      }
      List<String> values = copy.get(e.getKey());
      if (values == null) {
        copy.put(e.getKey(), values = new ArrayList<>());
      }
      values.addAll(e.getValue());
    }
    for (Map.Entry<String, List<String>> e : copy.entrySet()) {
      e.setValue(Collections.unmodifiableList(e.getValue()));
    }
    return new TransportResponse(status, Collections.unmodifiableMap(copy), url);
  }

  /**
   * The HTTP status code.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * All headers, with case-insensitive names.
   *
   * @return an unmodifiable map
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * The first value of a header, matched without regard to case.
   *
   * @param name the header name
   * @return the value, or null if absent
   */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * The URL that answered: the request's (or the last one, if the HTTP client followed redirects).
   *
   * @return the URL
   */
  public URI url() {
    return url;
  }

  @Override
  public String toString() {
    return "TransportResponse{" + status + " " + url + "}";
  }
}
