package dev.poolstress.scenarios.storm;

/**
 * A ring slot: one command in flight to the device. Preallocated by the ring and reused; primitives only, so
 * publishing and completing allocate nothing.
 */
final class Command {
    long dma;
    long tag;
    int pool;
    int submitter;
}
