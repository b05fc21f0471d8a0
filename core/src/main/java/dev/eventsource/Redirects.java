package dev.eventsource;

import dev.eventsource.transport.TransportRequest;
import java.net.ProtocolException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The redirect rules of WHATWG Fetch "HTTP-redirect fetch", which core applies for every transport
 * (a transport carries one exchange and follows nothing): which statuses redirect, how method and
 * body change, which headers are dropped across origins, and when to give up.
 */
final class Redirects {
  /** The most redirects followed for one request, as in Fetch. */
  static final int MAX_REDIRECTS = 20;

  private Redirects() {}

  /**
   * Whether the status is one that {@link #next} follows: 301, 302, 303, 307 or 308.
   *
   * @param status an HTTP status code
   * @return true for a redirect status
   */
  static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /**
   * Builds the request that follows a redirect.
   *
   * <p>301 and 302 turn a POST into a GET without body, 303 turns anything but HEAD into a GET
   * without body (and drops the {@code Content-Type} header); 307 and 308 keep method and body.
   * When the target's origin (scheme, host, port) differs from the current URL's, the request's
   * {@linkplain TransportRequest#sensitiveHeaders() sensitive headers} are removed unless {@link
   * TransportRequest#withCredentials()} is true. A redirect from https to http is refused.
   *
   * @param request the request that got the redirect; its URL is the one that answered
   * @param status the redirect status
   * @param location the {@code Location} header, or null if absent
   * @param redirectsSoFar how many redirects this request already followed
   * @return the request to send next
   * @throws ProtocolException if the location is missing, empty or not an http(s) URL, the redirect
   *     leaves https for http, or more than {@link #MAX_REDIRECTS} redirects were followed
   */
  static TransportRequest next(
      TransportRequest request, int status, @Nullable String location, int redirectsSoFar)
      throws ProtocolException {
    if (redirectsSoFar >= MAX_REDIRECTS) {
      throw new ProtocolException("too many redirects: more than " + MAX_REDIRECTS);
    }
    if (location == null || location.trim().isEmpty()) {
      throw new ProtocolException(
          "redirect " + status + " from " + request.url() + " has no Location header");
    }
    URI current = request.url();
    URI target = resolve(current, location.trim(), status);
    if ("https".equalsIgnoreCase(current.getScheme())
        && "http".equalsIgnoreCase(target.getScheme())) {
      throw new ProtocolException(
          "refused redirect " + status + " from https to http: " + current + " -> " + target);
    }
    TransportRequest.Builder next = request.toBuilder().url(target);
    String method = request.method();
    boolean toGet =
        ((status == 301 || status == 302) && method.equals("POST"))
            || (status == 303 && !method.equals("GET") && !method.equals("HEAD"));
    if (toGet) {
      next.method("GET", null).removeHeader("Content-Type");
    }
    if (!request.withCredentials() && !sameOrigin(current, target)) {
      for (String name : request.sensitiveHeaders()) {
        next.removeHeader(name);
      }
    }
    return next.build();
  }

  /**
   * Whether two URLs share scheme, host and port (default ports made explicit).
   *
   * @param a one URL
   * @param b another URL
   * @return true for the same origin
   */
  static boolean sameOrigin(URI a, URI b) {
    String schemeA = String.valueOf(a.getScheme()).toLowerCase(Locale.ROOT);
    String schemeB = String.valueOf(b.getScheme()).toLowerCase(Locale.ROOT);
    return schemeA.equals(schemeB)
        && String.valueOf(a.getHost()).equalsIgnoreCase(String.valueOf(b.getHost()))
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static URI resolve(URI current, String location, int status) throws ProtocolException {
    URI target;
    try {
      target = current.resolve(new URI(location));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new ProtocolException(
          "redirect " + status + " has a Location that is not a valid URL: " + e.getMessage());
    }
    String scheme = target.getScheme();
    if (target.getHost() == null
        || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
      throw new ProtocolException(
          "redirect " + status + " to a location that is not an http(s) URL: " + target);
    }
    return target;
  }
}
