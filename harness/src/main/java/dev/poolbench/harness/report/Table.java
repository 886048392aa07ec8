package dev.poolbench.harness.report;

import java.util.ArrayList;
import java.util.List;

/** A plain table (header and text cells) that both the HTML and the Markdown report print. */
record Table(List<String> header, List<List<String>> rows) {

    Table(String... header) {
        this(List.of(header), new ArrayList<>());
    }

    Table add(String... cells) {
        rows.add(List.of(cells));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }
}
