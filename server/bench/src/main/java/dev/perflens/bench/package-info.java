/**
 * Benchmark validation: JMH harnesses generated for the code before and after a proposed
 * fix, compiled and run in a forked, time- and heap-limited JVM. Depends on the engine only.
 */
package dev.perflens.bench;
