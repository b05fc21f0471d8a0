/**
 * A {@link dev.eventsource.transport.Transport} over {@code java.net.http} (Java 11 and later):
 * create one with {@link dev.eventsource.jdk.JdkHttpTransport#create(java.net.http.HttpClient)}.
 *
 * <p>Bodies are read by a {@link java.net.http.HttpResponse.BodySubscriber} with demand-driven flow
 * control, so an idle stream holds no thread. Each request is one exchange: the event source
 * follows redirects itself.
 */
@NullMarked
package dev.eventsource.jdk;

import org.jspecify.annotations.NullMarked;
