/**
 * Storms: process-context submitters that allocate blocks and publish commands into a Disruptor ring standing for
 * a device, device queues that complete them and free the blocks in irq context, and the audit that proves at the
 * end that no block was lost or owned twice.
 */
package dev.poolstress.scenarios.storm;
