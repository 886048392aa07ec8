package dev.poolbench.harness.workload;

/** A route whose next hop resolved to an egress interface ({@code -1} for a withdraw). */
public record ResolvedRoute(Route route, int egress) {
}
