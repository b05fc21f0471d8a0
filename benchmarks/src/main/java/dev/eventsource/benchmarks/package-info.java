/**
 * Benchmarks of this library against its peers, run side by side by {@code benchmarks/run.sh}: the
 * JMH benchmarks (parsing, loopback, cold start) and the latency and fan-out runs write raw
 * results, and {@link dev.eventsource.benchmarks.Report} turns one run's results into tables.
 */
@NullMarked
package dev.eventsource.benchmarks;

import org.jspecify.annotations.NullMarked;
