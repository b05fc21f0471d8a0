/**
 * The OkHttp transport for {@code EventSource}: {@link dev.eventsource.okhttp.OkHttpTransport}
 * carries event streams over an {@code okhttp3.OkHttpClient} the application already has.
 *
 * <p>Each stream runs on a thread of the transport's own pool, apart from the application's
 * dispatcher; streams share the application's connection pool, interceptors, TLS and proxy
 * settings, and are not cut by its read or call timeouts. Each call is one exchange: the event
 * source follows redirects itself, the same over every transport.
 */
@NullMarked
package dev.eventsource.okhttp;

import org.jspecify.annotations.NullMarked;
