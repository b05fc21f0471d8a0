/**
 * Runs the suite's phases (JMH in-process, the latency and fan-out runs in child JVMs) and turns
 * their figures into tables, markdown and charts.
 */
@NullMarked
package dev.eventsource.benchmarks.report;

import org.jspecify.annotations.NullMarked;
