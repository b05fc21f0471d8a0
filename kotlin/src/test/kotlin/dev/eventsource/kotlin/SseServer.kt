package dev.eventsource.kotlin

import dev.eventsource.testing.Exchange
import dev.eventsource.testing.RawServer
import java.net.URI
import java.util.concurrent.atomic.AtomicLong

/**
 * This module's routes over the shared [RawServer] on 127.0.0.1. `/events?n=N` sends `id: i` and
 * `data: i` for i below N, then ends the response; without `n` it sends until the client goes away,
 * each event padded to about a kilobyte with a comment line. `/status/C` answers status C. It counts
 * requests, responses being written and bytes written.
 */
internal class SseServer : AutoCloseable {
    private val server = RawServer.start { answer(it) }
    val written = AtomicLong()

    /** Requests received so far. */
    fun requests(): Int = server.requests()

    fun url(pathAndQuery: String): URI = server.uri(pathAndQuery)

    private fun answer(exchange: Exchange) {
        val target = exchange.requestLine.split(" ")[1]
        if (target.startsWith("/status/")) {
            exchange.respond(target.substring(8) + " Status", "Content-Length: 0")
            return
        }
        val n = target.substringAfter("?n=", "").toLongOrNull()
        val pad = if (n == null) ":" + "x".repeat(1000) + "\n" else ""
        exchange.streamHead()
        var i = 0L
        while (n == null || i < n) {
            val bytes = "${pad}id: $i\ndata: $i\n\n".toByteArray()
            exchange.write(bytes)
            written.addAndGet(bytes.size.toLong())
            i++
        }
    }

    /** Waits up to ten seconds for every response to end, as the server notices closed connections. */
    fun awaitNoStreams(): Boolean = server.awaitNoOpenConnections(10_000)

    companion object {
        /** The prefix of the server's thread names ([RawServer] names them after itself). */
        const val THREAD_PREFIX = "raw-server-"
    }

    override fun close() = server.close()
}
