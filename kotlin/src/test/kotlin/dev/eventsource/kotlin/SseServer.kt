package dev.eventsource.kotlin

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import java.io.IOException
import java.net.InetSocketAddress
import java.net.URI
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong

/**
 * A real SSE server on 127.0.0.1. `/events?n=N` sends `id: i` and `data: i` for i below N, then
 * ends the response; without `n` it sends until the client goes away, each event padded to about a
 * kilobyte with a comment line. `/status/C` answers status C. It counts requests, responses being
 * written and bytes written.
 */
internal class SseServer : AutoCloseable {
    private val threads =
        Executors.newCachedThreadPool { task -> Thread(task, THREAD_PREFIX + count.incrementAndGet()) }
    private val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
    val requests = AtomicInteger()
    val streaming = AtomicInteger()
    val written = AtomicLong()

    init {
        server.executor = threads
        server.createContext("/events") { events(it) }
        server.createContext("/status/") { exchange ->
            requests.incrementAndGet()
            exchange.sendResponseHeaders(exchange.requestURI.path.substring(8).toInt(), -1)
            exchange.close()
        }
        server.start()
    }

    fun url(pathAndQuery: String): URI = URI.create("http://127.0.0.1:${server.address.port}$pathAndQuery")

    private fun events(exchange: HttpExchange) {
        requests.incrementAndGet()
        val n = exchange.requestURI.query?.removePrefix("n=")?.toLong()
        val pad = if (n == null) ":" + "x".repeat(1000) + "\n" else ""
        exchange.responseHeaders["Content-Type"] = "text/event-stream"
        exchange.sendResponseHeaders(200, 0)
        streaming.incrementAndGet()
        try {
            exchange.responseBody.use { out ->
                var i = 0L
                while (n == null || i < n) {
                    val bytes = "${pad}id: $i\ndata: $i\n\n".toByteArray()
                    out.write(bytes)
                    out.flush()
                    written.addAndGet(bytes.size.toLong())
                    i++
                }
            }
        } catch (clientWentAway: IOException) {
            // the end of an endless stream
        } finally {
            streaming.decrementAndGet()
            exchange.close()
        }
    }

    /** Waits up to ten seconds for every response to end, as the server notices closed connections. */
    fun awaitNoStreams(): Boolean {
        val deadline = System.nanoTime() + 10_000_000_000L
        while (streaming.get() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait()
        }
        return streaming.get() == 0
    }

    companion object {
        const val THREAD_PREFIX = "sse-server-"
        private val count = AtomicInteger()
    }

    override fun close() {
        server.stop(0)
        threads.shutdownNow()
    }
}
