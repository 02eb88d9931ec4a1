/** Descriptive statistics every part of the scenarios shares, on Apache Commons Math. */
package dev.poolstress.scenarios.stats;
