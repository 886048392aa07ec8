package dev.poolbench.kit;

import java.util.List;
import java.util.Map;

/**
 * The predicted result of a run: outputs in acceptance order, failed jobs (sequence number →
 * stage name) and the number filtered.
 */
public record Expected(List<Job> outputs, Map<Integer, String> failures, int filtered) {
}
