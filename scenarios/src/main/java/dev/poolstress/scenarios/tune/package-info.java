/** The tuner: one scenario, every strategy, several runs each; ranks the loss-free strategies and names one. */
package dev.poolstress.scenarios.tune;
