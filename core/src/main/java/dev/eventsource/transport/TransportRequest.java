package dev.eventsource.transport;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request for a {@link Transport}: URL, method, headers, optional body, and the rules for
 * redirects. Immutable; build one with {@link #builder(URI)} or change a copy with {@link
 * #toBuilder()}. Header names and values are checked when built: CR, LF and NUL are refused, so a
 * value can never smuggle a second header.
 */
public final class TransportRequest {
  private final URI url;

  /** The sensitive headers every request starts with, shared by the requests that keep them. */
  private static final Set<String> DEFAULT_SENSITIVE =
      Collections.unmodifiableSet(
          new TreeSet<>(Arrays.asList("authorization", "cookie", "proxy-authorization")));

  private final String method;

  /**
   * Name, value, name, value...: a header with several values repeats its name, in adjacent pairs.
   * A flat array rather than a map of lists, which costs ten times the memory: a source keeps a
   * request for its whole life, and thousands of sources share a JVM.
   */
  private final String[] headerPairs;

  private final byte @Nullable [] body;
  private final Set<String> sensitiveHeaders;
  private final boolean withCredentials;

  private TransportRequest(Builder builder) {
    this.url = builder.url;
    this.method = builder.method;
    List<String> pairs = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : builder.headers.entrySet()) {
      for (String value : e.getValue()) {
        pairs.add(e.getKey());
        pairs.add(value);
      }
    }
    this.headerPairs = pairs.toArray(new String[0]);
    this.body = builder.body == null ? null : builder.body.clone();
    this.sensitiveHeaders =
        DEFAULT_SENSITIVE.equals(builder.sensitiveHeaders)
            ? DEFAULT_SENSITIVE
            : Collections.unmodifiableSet(new TreeSet<>(builder.sensitiveHeaders));
    this.withCredentials = builder.withCredentials;
  }

  /**
   * Starts a GET request for the given absolute URL.
   *
   * @param url an absolute http or https URL
   * @return a builder
   * @throws IllegalArgumentException if the URL is not absolute http or https
   */
  public static Builder builder(URI url) {
    return new Builder(url);
  }

  /**
   * Returns a builder holding this request's values, to change a copy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(url).method(method, body);
    for (int i = 0; i < headerPairs.length; i += 2) {
      b.addHeader(headerPairs[i], headerPairs[i + 1]);
    }
    b.sensitiveHeaders.addAll(sensitiveHeaders);
    return b.withCredentials(withCredentials);
  }

  /**
   * The absolute URL to request.
   *
   * @return the URL
   */
  public URI url() {
    return url;
  }

  /**
   * The HTTP method, upper case, e.g. {@code GET}.
   *
   * @return the method
   */
  public String method() {
    return method;
  }

  /**
   * The request headers in the order set, names as given, each with one or more values.
   *
   * @return an unmodifiable map, made for this call
   */
  public Map<String, List<String>> headers() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < headerPairs.length; ) {
      String name = headerPairs[i];
      int end = i + 2;
      while (end < headerPairs.length && headerPairs[end].equals(name)) {
        end += 2;
      }
      List<String> values = new ArrayList<>((end - i) / 2);
      for (int k = i + 1; k < end; k += 2) {
        values.add(headerPairs[k]);
      }
      map.put(name, Collections.unmodifiableList(values));
      i = end;
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * The first value of a header, matched without regard to case.
   *
   * @param name the header name
   * @return the value, or null if the header is absent
   */
  public @Nullable String header(String name) {
    for (int i = 0; i < headerPairs.length; i += 2) {
      if (headerPairs[i].equalsIgnoreCase(name)) {
        return headerPairs[i + 1];
      }
    }
    return null;
  }

  /**
   * The body to send, or null for none. Its type is the {@code Content-Type} header.
   *
   * @return a copy of the body bytes, or null
   */
  public byte @Nullable [] body() {
    return body == null ? null : body.clone();
  }

  /**
   * Lower-case names of headers that must not follow a redirect to another origin (scheme, host or
   * port differ) unless {@link #withCredentials()} is true. Always holds {@code authorization},
   * {@code cookie} and {@code proxy-authorization}.
   *
   * @return an unmodifiable set
   */
  public Set<String> sensitiveHeaders() {
    return sensitiveHeaders;
  }

  /**
   * Whether credentials (the sensitive headers) go along when a redirect leads to another origin:
   * the Java meaning of the browser's {@code withCredentials}.
   *
   * @return true to forward them
   */
  public boolean withCredentials() {
    return withCredentials;
  }

  @Override
  public String toString() {
    // Header values are left out on purpose: they may hold secrets.
    return "TransportRequest{" + method + " " + url + ", headers=" + headers().keySet() + "}";
  }

  /** Builds a {@link TransportRequest}; not thread-safe. */
  public static final class Builder {
    private URI url;
    private String method = "GET";
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private byte @Nullable [] body;
    private final Set<String> sensitiveHeaders = new TreeSet<>(DEFAULT_SENSITIVE);
    private boolean withCredentials;

    private Builder(URI url) {
      this.url = checkUrl(url);
    }

    /**
     * Sets the URL.
     *
     * @param url an absolute http or https URL
     * @return this builder
     * @throws IllegalArgumentException if the URL is not absolute http or https
     */
    public Builder url(URI url) {
      this.url = checkUrl(url);
      return this;
    }

    /**
     * Sets the method and body, e.g. {@code POST} with a JSON body.
     *
     * @param method an HTTP method token
     * @param body the body, or null for none
     * @return this builder
     * @throws IllegalArgumentException if the method is not a valid token, or is GET or HEAD with a
     *     body
     */
    public Builder method(String method, byte @Nullable [] body) {
      Objects.requireNonNull(method, "method");
      HeaderChecks.checkToken(method, "method");
      String upper = method.toUpperCase(Locale.ROOT);
      if (body != null && (upper.equals("GET") || upper.equals("HEAD"))) {
        throw new IllegalArgumentException(upper + " requests cannot have a body (WHATWG Fetch)");
      }
      this.method = upper;
      this.body = body == null ? null : body.clone();
      return this;
    }

    /**
     * Replaces every value of a header (matched without regard to case) with one value.
     *
     * @param name the header name, an HTTP token
     * @param value the value; CR, LF and NUL are refused
     * @return this builder
     * @throws IllegalArgumentException if the name or value is not allowed in a header
     */
    public Builder header(String name, String value) {
      removeHeader(name);
      return addHeader(name, value);
    }

    /**
     * Adds a value to a header, keeping the values it already has.
     *
     * @param name the header name, an HTTP token
     * @param value the value; CR, LF and NUL are refused
     * @return this builder
     * @throws IllegalArgumentException if the name or value is not allowed in a header
     */
    public Builder addHeader(String name, String value) {
      HeaderChecks.checkHeader(name, value);
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          e.getValue().add(value);
          return this;
        }
      }
      headers.put(name, new ArrayList<>(Collections.singletonList(value)));
      return this;
    }

    /**
     * Removes a header, matched without regard to case.
     *
     * @param name the header name
     * @return this builder
     */
    public Builder removeHeader(String name) {
      Objects.requireNonNull(name, "name");
      // An explicit iterator: Collection.removeIf needs Android API 24.
      for (Iterator<String> it = headers.keySet().iterator(); it.hasNext(); ) {
        if (it.next().equalsIgnoreCase(name)) {
          it.remove();
        }
      }
      return this;
    }

    /**
     * Marks a header as sensitive: it is not sent to another origin after a redirect unless {@link
     * #withCredentials(boolean)} is true.
     *
     * @param name the header name
     * @return this builder
     */
    public Builder sensitiveHeader(String name) {
      HeaderChecks.checkToken(name, "header name");
      sensitiveHeaders.add(name.toLowerCase(Locale.ROOT));
      return this;
    }

    /**
     * Sets whether sensitive headers follow redirects to another origin; false by default.
     *
     * @param withCredentials true to forward them
     * @return this builder
     */
    public Builder withCredentials(boolean withCredentials) {
      this.withCredentials = withCredentials;
      return this;
    }

    /**
     * Freezes the values into a request.
     *
     * @return the request
     */
    public TransportRequest build() {
      return new TransportRequest(this);
    }

    private static URI checkUrl(URI url) {
      Objects.requireNonNull(url, "url");
      String scheme = url.getScheme();
      if (!url.isAbsolute()
          || url.getHost() == null
          || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
        throw new IllegalArgumentException("not an absolute http or https URL: " + url);
      }
      return url;
    }
  }
}
