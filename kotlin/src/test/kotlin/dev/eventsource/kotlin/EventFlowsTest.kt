package dev.eventsource.kotlin

import dev.eventsource.EventDataListener
import dev.eventsource.EventSource
import dev.eventsource.ReadyState
import dev.eventsource.RetryPolicy
import dev.eventsource.UnexpectedResponseException
import dev.eventsource.jdk.JdkHttpTransport
import dev.eventsource.okhttp.OkHttpTransport
import dev.eventsource.transport.Transport
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.withContext
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runTest
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.EnumSource

/** The flow over both transports and a real server, collected with kotlinx-coroutines-test. */
class EventFlowsTest {
    enum class Adapter(val create: () -> Transport) {
        OKHTTP({ OkHttpTransport.create() }),
        JDK({ JdkHttpTransport.create() }),
    }

    private val server = SseServer()

    @AfterEach
    fun stopServer() = server.close()

    private fun builder(adapter: Adapter, path: String) = EventSource.builder(server.url(path), adapter.create())

    private fun reconnectAfter(millis: Long) =
        RetryPolicy.builder().reconnectionTime(millis, TimeUnit.MILLISECONDS).backoff(false).build()

    @ParameterizedTest
    @EnumSource(Adapter::class)
    fun everyEventInOrderThenCompletionAtTheEndOfAOneShotStream(adapter: Adapter) = runTest {
        val flow = builder(adapter, "/events?n=3").oneShot(true).asFlow().map { it.data() }
        assertThat(flow.toList()).containsExactly("0", "1", "2")
        assertThat(flow.toList()).`as`("a second collection, from a source of its own").containsExactly("0", "1", "2")
        assertThat(server.requests()).isEqualTo(2)
    }

    @ParameterizedTest
    @EnumSource(Adapter::class)
    fun builderThatStreamsEventDataIsRefusedWhenCollected(adapter: Adapter) = runTest {
        val streaming =
            builder(adapter, "/events?n=1").streamEventData(
                object : EventDataListener {
                    override fun onDataPart(source: EventSource, part: ByteArray) {}

                    override fun onEventEnd(source: EventSource, type: String, lastEventId: String) {}
                },
            )
        val thrown = runCatching { streaming.asFlow().collect {} }.exceptionOrNull()
        assertThat(thrown).isInstanceOf(IllegalStateException::class.java).hasMessageContaining("streamEventData")
        assertThat(server.requests()).`as`("no request was sent").isZero()
    }

    @ParameterizedTest
    @EnumSource(Adapter::class)
    fun failureThatClosesTheSourceIsThrownFromCollect(adapter: Adapter) = runTest {
        val flow = builder(adapter, "/status/503").asFlow()
        val thrown = runCatching { flow.collect {} }.exceptionOrNull()
        assertThat(thrown).isInstanceOf(UnexpectedResponseException::class.java)
        assertThat((thrown as UnexpectedResponseException).status()).isEqualTo(503)
    }

    @ParameterizedTest
    @EnumSource(Adapter::class)
    fun reconnectionsAreInvisibleToTheCollectorButReportedThroughOnState(adapter: Adapter) = runTest {
        val states = mutableListOf<ConnectionState>()
        val ids = mutableListOf<String>()
        val flow = builder(adapter, "/events?n=2").retryPolicy(reconnectAfter(10)).asFlow { states += it }
        flow.take(4).collect { ids += it.data() + "@" + it.lastEventId() }
        assertThat(ids).containsExactly("0@0", "1@1", "0@0", "1@1")
        assertThat(states.map { it.javaClass.simpleName }).containsExactly("Open", "Reconnecting", "Open")
        assertThat((states[1] as ConnectionState.Reconnecting).cause).isNotNull()
    }

    @ParameterizedTest
    @EnumSource(Adapter::class)
    fun cancellingWhileReconnectingClosesTheSourceAndSendsNoMoreRequests(adapter: Adapter) = runTest {
        val opened = CompletableDeferred<EventSource>()
        val reconnecting = CompletableDeferred<Unit>()
        val flow =
            builder(adapter, "/events?n=1")
                .retryPolicy(reconnectAfter(TimeUnit.HOURS.toMillis(1)))
                .onOpen { source -> opened.complete(source) }
                .asFlow { if (it is ConnectionState.Reconnecting) reconnecting.complete(Unit) }
        val job = launch { flow.collect {} }
        reconnecting.await()
        job.cancelAndJoin()
        assertThat(opened.await().readyState()).isEqualTo(ReadyState.CLOSED)
        assertThat(server.requests()).isEqualTo(1)
    }

    @ParameterizedTest
    @EnumSource(Adapter::class)
    fun cancellingFreesTheConnectionAtOnceAndLeavesNoThread(adapter: Adapter) = runTest {
        val transport = adapter.create()
        val flow = EventSource.builder(server.url("/events"), transport).asFlow()
        repeat(5) { flow.first() } // warm-up: the transport's pools and threads exist before the count
        assertThat(server.awaitNoStreams()).isTrue()
        val before = busyClientThreads()
        repeat(50) { assertThat(flow.first().data()).isEqualTo("0") }
        assertThat(server.awaitNoStreams()).`as`("every response ended by the client").isTrue()
        assertThat(busyClientThreads()).`as`("busy threads").hasSizeLessThanOrEqualTo(before.size + 2)
    }

    @ParameterizedTest
    @EnumSource(Adapter::class)
    fun suspendedCollectorHoldsBackTheNetworkRead(adapter: Adapter) = runTest {
        val writtenWhileSuspended =
            builder(adapter, "/events").asFlow().map {
                // A second of real time (Default's clock, not the test's) with the collector suspended.
                withContext(Dispatchers.Default) { delay(1000) }
                server.written.get()
            }.first()
        // Read-ahead and socket buffers at most: an unbounded read would take hundreds of megabytes.
        assertThat(writtenWhileSuspended).isLessThan(32L shl 20)
    }

    /** Threads of this JVM but the server's, less those idle in a pool (which a later call reuses). */
    private fun busyClientThreads(): List<String> =
        Thread.getAllStackTraces()
            .filter { (thread, stack) ->
                !thread.name.startsWith(SseServer.THREAD_PREFIX) &&
                    stack.none { it.methodName == "getTask" && it.className.endsWith("ThreadPoolExecutor") }
            }
            .map { it.key.name }
}
