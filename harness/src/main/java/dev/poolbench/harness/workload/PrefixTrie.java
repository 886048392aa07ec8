package dev.poolbench.harness.workload;

import java.util.Arrays;

/**
 * A path-compressed binary trie (PATRICIA) mapping prefixes of one address family to
 * non-negative int values, with longest-prefix-match lookup. Nodes live in parallel primitive
 * arrays (no per-node objects); each node holds its full prefix, so a lookup follows at most
 * one node per distinct prefix length on the path and checks the skipped bits with one XOR.
 *
 * <p>Not thread-safe for writes; once built, concurrent lookups are safe provided the trie was
 * published safely (e.g. through a final field).
 */
public final class PrefixTrie {

    /** No value / no match. */
    public static final int NONE = -1;

    private final int width;
    private long[] keyHi;
    private long[] keyLo;
    private byte[] keyLen; // unsigned 0..128
    private int[] left;
    private int[] right;
    private int[] value;
    private int nodes;
    private int root = NONE;
    private int prefixes;

    /** An empty trie for addresses of {@code width} bits (32 or 128). */
    public PrefixTrie(int width) {
        if (width != 32 && width != 128) {
            throw new IllegalArgumentException("width: " + width + " is invalid; expected 32 or 128");
        }
        this.width = width;
        int cap = 16;
        keyHi = new long[cap];
        keyLo = new long[cap];
        keyLen = new byte[cap];
        left = new int[cap];
        right = new int[cap];
        value = new int[cap];
    }

    /** Number of prefixes holding a value. */
    public int size() {
        return prefixes;
    }

    /** Number of nodes (prefixes plus branch nodes). */
    public int nodeCount() {
        return nodes;
    }

    /**
     * Maps the prefix {@code (hi, lo)/length} (left-aligned; bits beyond length are ignored)
     * to {@code v >= 0}; returns the previous value or {@link #NONE}.
     */
    public int put(long hi, long lo, int length, int v) {
        if (length < 0 || length > width) {
            throw new IllegalArgumentException("length: " + length + " out of range 0.." + width);
        }
        if (v < 0) {
            throw new IllegalArgumentException("value: " + v + " is invalid; expected >= 0");
        }
        hi &= Ip.maskHi(length);
        lo &= Ip.maskLo(length);
        if (root == NONE) {
            root = newNode(hi, lo, length, v);
            prefixes++;
            return NONE;
        }
        int parent = NONE;
        int parentDir = 0;
        int node = root;
        while (true) {
            int nodeLen = len(node);
            int common = Math.min(Math.min(length, nodeLen), Ip.commonPrefix(hi, lo, keyHi[node], keyLo[node]));
            if (common < nodeLen) {
                int replacement;
                if (common == length) { // the new prefix sits above node
                    replacement = newNode(hi, lo, length, v);
                    setChild(replacement, Ip.bit(keyHi[node], keyLo[node], length), node);
                } else { // branch where they part
                    replacement = newNode(hi & Ip.maskHi(common), lo & Ip.maskLo(common), common, NONE);
                    int leaf = newNode(hi, lo, length, v);
                    setChild(replacement, Ip.bit(hi, lo, common), leaf);
                    setChild(replacement, Ip.bit(keyHi[node], keyLo[node], common), node);
                }
                if (parent == NONE) {
                    root = replacement;
                } else {
                    setChild(parent, parentDir, replacement);
                }
                prefixes++;
                return NONE;
            }
            if (length == nodeLen) {
                int old = value[node];
                value[node] = v;
                if (old == NONE) {
                    prefixes++;
                }
                return old;
            }
            int dir = Ip.bit(hi, lo, nodeLen);
            int next = dir == 0 ? left[node] : right[node];
            if (next == NONE) {
                setChild(node, dir, newNode(hi, lo, length, v));
                prefixes++;
                return NONE;
            }
            parent = node;
            parentDir = dir;
            node = next;
        }
    }

    /** The value of the longest prefix containing the address {@code (hi, lo)}, or {@link #NONE}. */
    public int lookup(long hi, long lo) {
        int best = NONE;
        int node = root;
        while (node != NONE) {
            int nodeLen = keyLen[node] & 0xff;
            if (Ip.commonPrefix(hi, lo, keyHi[node], keyLo[node]) < nodeLen) {
                break;
            }
            int v = value[node];
            if (v != NONE) {
                best = v;
            }
            if (nodeLen == width) {
                break;
            }
            node = Ip.bit(hi, lo, nodeLen) == 0 ? left[node] : right[node];
        }
        return best;
    }

    /** The value stored for exactly this prefix, or {@link #NONE}. */
    public int get(long hi, long lo, int length) {
        hi &= Ip.maskHi(length);
        lo &= Ip.maskLo(length);
        int node = root;
        while (node != NONE) {
            int nodeLen = len(node);
            if (nodeLen > length || Ip.commonPrefix(hi, lo, keyHi[node], keyLo[node]) < nodeLen) {
                return NONE;
            }
            if (nodeLen == length) {
                return value[node];
            }
            node = Ip.bit(hi, lo, nodeLen) == 0 ? left[node] : right[node];
        }
        return NONE;
    }

    private int len(int node) {
        return keyLen[node] & 0xff;
    }

    private void setChild(int node, int dir, int child) {
        if (dir == 0) {
            left[node] = child;
        } else {
            right[node] = child;
        }
    }

    private int newNode(long hi, long lo, int length, int v) {
        if (nodes == keyHi.length) {
            int cap = nodes * 2;
            keyHi = Arrays.copyOf(keyHi, cap);
            keyLo = Arrays.copyOf(keyLo, cap);
            keyLen = Arrays.copyOf(keyLen, cap);
            left = Arrays.copyOf(left, cap);
            right = Arrays.copyOf(right, cap);
            value = Arrays.copyOf(value, cap);
        }
        int n = nodes++;
        keyHi[n] = hi;
        keyLo[n] = lo;
        keyLen[n] = (byte) length;
        left[n] = NONE;
        right[n] = NONE;
        value[n] = v;
        return n;
    }
}
