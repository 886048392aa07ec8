package dev.poolbench.harness.jmh;

/**
 * The hot fields of a {@link StageTally} behind a row of padding: superclass fields come first in
 * the object layout, so {@link LinePadding}'s lie before these and StageTally's own after them.
 */
abstract class TallyFields extends LinePadding {
    long sum;
    long count;
}
