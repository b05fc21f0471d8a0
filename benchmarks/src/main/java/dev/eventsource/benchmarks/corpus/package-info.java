/** The workloads A to F, generated deterministically, and the inputs that feed them in chunks. */
@NullMarked
package dev.eventsource.benchmarks.corpus;

import org.jspecify.annotations.NullMarked;
