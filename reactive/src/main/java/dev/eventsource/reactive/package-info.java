/**
 * An {@link dev.eventsource.EventSource} as a {@link java.util.concurrent.Flow.Publisher}: see
 * {@link dev.eventsource.reactive.EventPublisher}.
 */
@NullMarked
package dev.eventsource.reactive;

import org.jspecify.annotations.NullMarked;
