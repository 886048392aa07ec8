package dev.poolbench.kit;

/**
 * The conformance kit (SPEC §3): every guarantee of SPEC §2 for one engine. An engine module
 * adds one subclass naming its engine and nothing else:
 * <pre>
 * class ExecutorConformanceTest extends EngineConformanceTest {
 *     &#64;Override protected Engine engine() { return new ExecutorEngine(); }
 * }
 * </pre>
 *
 * <p><b>Shape.</b> An inheritance chain, each link one group of guarantees: {@link KitBase}
 * (machinery) ← {@link OutcomeContract} (1, 2 and the named topologies) ←
 * {@link BoundAndCancellationContract} (3, 4) ← {@link ErrorAndLifecycleContract} (5, 6, 7, rate
 * limit) ← {@link RandomizedTopologyProperties} (jqwik, against {@code sequential}) ←
 * {@link CapacityContract} (exactly once at volume, the ORDERED window with a stalled head,
 * parallelism from below, buffers from above against the requested ones) ←
 * {@link HardeningContract} (StageContext, a blocked sink, blocked submitters, Errors anywhere,
 * one key from several producers, threads outside the factory, an interrupted close) ←
 * {@link OptionPathsContract} (a core subset over every declared option value) ← this class.
 * Two declarations a subclass may override, never read from the engine itself:
 * {@link KitBase#runsItemsConcurrently()} (false only for the reference engine) and
 * {@link KitBase#admissionRounding(Topology)} (slots a rounding primitive may admit beyond
 * buffers + parallelism; 0 for every in-tree engine).</p>
 * JUnit Jupiter runs the inherited {@code @Test}/{@code @ParameterizedTest} methods in the
 * subclass, and jqwik discovers the inherited {@code @Property} in the concrete subclass too
 * (checked: surefire reports it under the subclass). The module needs junit-jupiter, jqwik and
 * assertj as test dependencies besides pool-api's test-jar. Test methods are public so that
 * they are found from any package.
 *
 * <p><b>Readings of the spec the kit enforces</b> (every engine, no capability flags):
 * <ul>
 *   <li>Leaks: no thread made by the instance's thread factory (always a
 *   {@link dev.poolbench.api.support.TrackingThreadFactory} over
 *   {@code engine.defaultThreadFactory(kind)}) is alive at the moment {@code awaitTermination}
 *   returned true or {@code close()} returned — checked at once, no grace period.</li>
 *   <li>Bound: {@code accepted} with the last stage blocked ≤ Σ {@code stats().effectiveBuffers()}
 *   + Σ parallelism; {@code effectiveBuffers} has one entry per stage (pool, pipeline) or per
 *   lane (fan-out: one per worker; merge: one per source), each ≥ the requested buffer. The
 *   running invariant and the bound are also sampled while items flow.</li>
 *   <li>Parallelism: a stage never runs more often at once than its parallelism (fan-out: the
 *   worker count; merge: sources × parallelism).</li>
 *   <li>KEYED: never two items of one key inside one stage at once and per-key acceptance order
 *   at every stage and at the sink — in a merge across all its inputs.</li>
 *   <li>ORDERED in a merge fed by one thread = that thread's order; with one thread per input,
 *   each input's own order.</li>
 *   <li>{@link dev.poolbench.api.Failure#input()} is the input as accepted (not as the failing
 *   stage saw it); a throwing sink's failure has stage {@code "sink"}; {@code close()} rethrows an
 *   {@link Error} as is; a FAIL_FAST failure terminates the instance without {@code close()}.</li>
 *   <li>After cancel, submit/offer and {@code close()} throw {@code CancellationException} whose
 *   cause chain holds the cancel cause ({@code TimeoutException} for a deadline). A cancel after
 *   a completed close changes nothing.</li>
 *   <li>Rate limit: N items at R/s take at least (N−1)/R from the first submit to the end of
 *   {@code close()} (a lower bound only).</li>
 * </ul>
 * Time bounds are liveness bounds (5 s; tests time out after 20 s, the races after 60 s, in a
 * separate thread so a hung {@code close()} fails instead of wedging the build). A broken engine
 * fails fast: the kit's {@code close()} gives up after 10 s and counts threads of the factory
 * still alive right after it returned; once an engine has wedged (a close or a termination that
 * never came, a test timeout), {@link WedgeWatch} fails the rest of its kit at once; surefire
 * bounds the fork's run (290 s) and its exit (20 s).
 */
public abstract class EngineConformanceTest extends OptionPathsContract {
}
