package dev.poolbench.harness.workload;

/** What a route update does to its prefix in the RIB. */
public enum Op {
    /** Install or replace the prefix's route. */
    ANNOUNCE,
    /** Remove the prefix's route (a no-op if absent). */
    WITHDRAW
}
