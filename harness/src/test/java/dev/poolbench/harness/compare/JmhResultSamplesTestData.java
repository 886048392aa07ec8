package dev.poolbench.harness.compare;

/** A jmh-result.json in JMH's own layout (two benchmarks: avgt ns/op with params, thrpt ops/s), for tests. */
public final class JmhResultSamplesTestData {

    private JmhResultSamplesTestData() {
    }

    /** The first benchmark's rawData is multiplied by {@code scale}. */
    public static String json(double scale) {
        return """
                [
                    {
                        "jmhVersion" : "1.37",
                        "benchmark" : "dev.poolbench.harness.jmh.RouteStageBenchmarks.parse",
                        "mode" : "avgt",
                        "threads" : 1,
                        "forks" : 2,
                        "params" : {
                            "size" : "1000",
                            "engine" : "executor"
                        },
                        "primaryMetric" : {
                            "score" : 101.5,
                            "scoreError" : "NaN",
                            "scoreUnit" : "ns/op",
                            "rawData" : [
                                [ %s, %s, %s ],
                                [ %s, %s, %s ]
                            ]
                        },
                        "secondaryMetrics" : { }
                    },
                    {
                        "benchmark" : "dev.poolbench.harness.jmh.RouteStageBenchmarks.install",
                        "mode" : "thrpt",
                        "primaryMetric" : {
                            "score" : 2.5E7,
                            "scoreUnit" : "ops/s",
                            "rawData" : [ [ 2.5E7, 2.4E7, 2.6E7, 2.5E7, 2.45E7, 2.55E7 ] ]
                        }
                    }
                ]
                """.formatted(100 * scale, 101 * scale, 102 * scale, 99 * scale, 103 * scale, 100.5 * scale);
    }

}
