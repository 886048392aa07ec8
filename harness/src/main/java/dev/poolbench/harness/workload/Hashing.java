package dev.poolbench.harness.workload;

/** 64-bit mixing (the SplitMix64 finaliser) used for keys, digests and deterministic choices. */
final class Hashing {

    private Hashing() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long combine(long h, long v) {
        return mix(h ^ (v + 0x9e3779b97f4a7c15L));
    }

    /** A uniform double in [0, 1) from a hash. */
    static double unit(long h) {
        return (mix(h) >>> 11) * 0x1.0p-53;
    }
}
