package dev.eventsource.kotlin

import dev.eventsource.EventSourceException

/**
 * What the connection under a flow from [asFlow] is doing, for an app that shows it (a "reconnecting"
 * banner); the events themselves never show reconnections.
 */
public sealed class ConnectionState {
    /** A connection is open and its events are flowing. */
    public object Open : ConnectionState() {
        override fun toString(): String = "Open"
    }

    /**
     * The connection was lost or refused and the source will try again, after its reconnection time.
     *
     * @property cause why: the network error, the end of the stream, or an HTTP status the retry
     *   policy retries
     */
    public class Reconnecting(public val cause: EventSourceException) : ConnectionState() {
        override fun toString(): String = "Reconnecting($cause)"
    }
}
