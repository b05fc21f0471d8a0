package dev.eventsource;

import dev.eventsource.transport.TransportResponse;
import java.net.IDN;
import java.net.URI;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;
import org.jspecify.annotations.Nullable;

/** Reading a response the way WHATWG HTML §9.2.3 does: status, MIME type, origin, Retry-After. */
final class Responses {
  private static final String EVENT_STREAM = "text/event-stream";

  private Responses() {}

  /**
   * Why the response cannot be announced as a stream, or null if it can: status 200 and a MIME type
   * whose essence is {@code text/event-stream} (parameters allowed, case-insensitive; the body is
   * UTF-8 whatever the charset says).
   */
  static @Nullable String rejection(TransportResponse response) {
    if (response.status() != 200) {
      return response.status() == 204
          ? "HTTP 204 No Content: the server asked the client to stop reconnecting"
          : "unexpected HTTP status " + response.status() + " from " + response.url();
    }
    String contentType = response.header("Content-Type");
    if (contentType == null) {
      return "the response has no Content-Type; expected " + EVENT_STREAM;
    }
    int semicolon = contentType.indexOf(';');
    String essence = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    if (!essence.equalsIgnoreCase(EVENT_STREAM)) {
      return "expected Content-Type " + EVENT_STREAM + " but the response has " + contentType;
    }
    return null;
  }

  /** Statuses that {@link RetryPolicy#retryHttpErrors()} retries: 5xx, 408 and 429. */
  static boolean isRetryableStatus(int status) {
    return status >= 500 && status <= 599 || status == 408 || status == 429;
  }

  /**
   * The delay a {@code Retry-After} header asks for, in milliseconds, or 0 if it is absent or
   * unreadable. It holds either seconds or an HTTP date.
   */
  static long retryAfterMillis(TransportResponse response, long nowMillis) {
    String value = response.header("Retry-After");
    if (value == null) {
      return 0;
    }
    value = value.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds <= 0 ? 0 : seconds > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : seconds * 1000;
    } catch (NumberFormatException notSeconds) {
      SimpleDateFormat format = new SimpleDateFormat("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US);
      format.setTimeZone(TimeZone.getTimeZone("GMT"));
      try {
        Date date = format.parse(value);
        return Math.max(0, date.getTime() - nowMillis);
      } catch (ParseException unreadable) {
        return 0;
      }
    }
  }

  /**
   * WHATWG HTML §9.2.6 dispatch step 5: the serialized origin of the final URL, scheme://host with
   * the port only when it is not the scheme's default, the host in ASCII (punycode).
   */
  static String origin(URI url) {
    String scheme = String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT);
    String host = url.getHost();
    if (host == null) {
      host = String.valueOf(url.getAuthority());
      int at = host.lastIndexOf('@');
      host = at < 0 ? host : host.substring(at + 1);
      int colon = host.lastIndexOf(':');
      host = colon < 0 || host.endsWith("]") ? host : host.substring(0, colon);
    }
    if (!host.startsWith("[")) {
      // IDN only for a host that needs it: its class loads over 100 KiB of Unicode tables.
      host =
          (isAscii(host) ? host : IDN.toASCII(host, IDN.ALLOW_UNASSIGNED)).toLowerCase(Locale.ROOT);
    }
    int port = url.getPort();
    boolean defaultPort =
        port == -1
            || (port == 80 && scheme.equals("http"))
            || (port == 443 && scheme.equals("https"));
    return scheme + "://" + host + (defaultPort ? "" : ":" + port);
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
