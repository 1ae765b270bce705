/**
 * Runtime evidence: JFR recordings and collapsed profiler stacks imported into a hotness
 * index that ranks findings by observed cost. Depends on the engine only.
 */
package dev.perflens.evidence;
