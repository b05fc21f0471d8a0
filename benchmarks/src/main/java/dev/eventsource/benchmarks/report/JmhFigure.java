package dev.eventsource.benchmarks.report;

/**
 * One JMH result: operations per second with its 99.9% error, and bytes allocated per operation
 * ({@code gc.alloc.rate.norm}, NaN if the GC profiler gave none).
 */
record JmhFigure(double opsPerSecond, double error, double allocatedPerOp) {}
