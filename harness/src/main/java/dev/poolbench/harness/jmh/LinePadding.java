package dev.poolbench.harness.jmh;

/** 120 bytes of padding: with the object header, a subclass's fields start a 128-byte pair of lines of their own. */
abstract class LinePadding {
    @SuppressWarnings("unused")
    private long q1, q2, q3, q4, q5, q6, q7, q8, q9, q10, q11, q12, q13, q14, q15;
}
