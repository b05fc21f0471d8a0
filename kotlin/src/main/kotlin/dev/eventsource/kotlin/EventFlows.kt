@file:JvmName("EventFlows")

package dev.eventsource.kotlin

import dev.eventsource.EventSource
import dev.eventsource.EventSourceException
import dev.eventsource.EventStream
import dev.eventsource.EventStreamException
import dev.eventsource.MessageEvent
import dev.eventsource.ReadyState
import java.util.Collections
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import kotlin.coroutines.resume
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.suspendCancellableCoroutine

/**
 * The events of sources built from this builder, as a cold [Flow]: each collection builds and starts
 * a source of its own, and closes it when the collection ends, however it ends.
 *
 * ```
 * EventSource.builder(url, OkHttpTransport.create()).asFlow()
 *     .collect { event -> println(event.data()) }
 * ```
 *
 * - **Back-pressure.** Events are taken from the source only as the collector asks for them; while
 *   it suspends, the stream waits in the source's bounded read-ahead and the network read is held
 *   back, never buffered in memory. No thread waits for an idle stream: the collection suspends.
 * - **Cancellation.** Cancelling the collecting coroutine (or an operator such as `take` or `first`
 *   ending it) closes the source and frees its connection at once, reconnection timer included.
 * - **The end.** The flow completes when the source closes for good without failing: a
 *   [one-shot][EventSource.Builder.oneShot] stream ended. A failure that closes the source (an HTTP
 *   error, `maxAttempts` reached, a one-shot stream cut off) is thrown from `collect` as the
 *   [EventSourceException] itself, with its cause and, for a status, the response.
 * - **Reconnections** happen underneath, unseen by the collector; pass [onState] to observe them.
 *
 * The builder's own listeners, and [onState], run in the collecting coroutine, between events,
 * while it takes them. The builder must not be changed after this call. A flow carries whole
 * events: collecting one from a builder set to
 * [stream event data in parts][EventSource.Builder.streamEventData] throws the
 * `IllegalStateException` of [EventSource.Builder.stream].
 *
 * @param onState told when a connection opens and when the source is about to reconnect, in order
 *   with the events; null not to be told. When given, this call adds an `open` and an `error`
 *   listener to the builder, which report only for sources of this flow.
 * @return the cold flow of events
 */
public fun EventSource.Builder.asFlow(onState: ((ConnectionState) -> Unit)? = null): Flow<MessageEvent> {
    val builder = this
    val ours: MutableSet<EventSource>? = onState?.let { report -> builder.reportStates(report) }
    return flow {
        val stream = synchronized(builder) { builder.stream() } // a builder is not thread-safe
        val source = stream.source()
        ours?.add(source)
        try {
            while (true) {
                emit(stream.awaitNext() ?: break)
            }
        } finally {
            stream.close()
            ours?.remove(source)
        }
    }
}

/** Adds listeners that report the states of the sources in the returned set. */
private fun EventSource.Builder.reportStates(report: (ConnectionState) -> Unit): MutableSet<EventSource> {
    val ours: MutableSet<EventSource> = Collections.newSetFromMap(ConcurrentHashMap())
    onOpen { source -> if (source in ours) report(ConnectionState.Open) }
    onError { source, error ->
        // CONNECTING: it will reconnect; CLOSED: the failure is thrown from collect instead.
        if (source in ours && source.readyState() == ReadyState.CONNECTING) {
            report(ConnectionState.Reconnecting(error))
        }
    }
    return ours
}

/**
 * The next event, or null at the end; suspends, holding no thread, until there is one. Runs the
 * source's callbacks in this coroutine, as the pull stream runs them on the pulling thread.
 */
private suspend fun EventStream.awaitNext(): MessageEvent? {
    while (true) {
        awaitReady()
        try {
            return next(0, TimeUnit.NANOSECONDS)
        } catch (e: TimeoutException) {
            // The source ran callbacks without an event (an open, a reconnection): wait again.
        } catch (e: EventStreamException) {
            throw e.cause ?: e
        }
    }
}

/** Suspends until [EventStream.next] with no wait can make progress; cancelling closes the stream. */
private suspend fun EventStream.awaitReady() {
    suspendCancellableCoroutine { cont ->
        // The callback is kept only when this returns false, and then runs exactly once.
        if (whenReady { cont.resume(Unit) }) {
            cont.resume(Unit)
        } else {
            cont.invokeOnCancellation { close() } // at once, from the cancelling thread
        }
    }
}
