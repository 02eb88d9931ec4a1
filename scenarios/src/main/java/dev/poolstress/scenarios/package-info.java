/** Storms, benchmarks and the command line. */
package dev.poolstress.scenarios;
