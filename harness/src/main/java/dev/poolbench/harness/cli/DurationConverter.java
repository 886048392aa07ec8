package dev.poolbench.harness.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 1m} (a bare number is seconds). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");

    @Override
    public Duration convert(String value) {
        Matcher m = FORM.matcher(value.strip());
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not a duration; expected e.g. 500ms, 2s, 1.5s or 1m");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        long millis = Math.round(switch (unit) {
            case "ms" -> n;
            case "m" -> n * 60_000;
            default -> n * 1000;
        });
        if (millis <= 0) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a positive duration");
        }
        return Duration.ofMillis(millis);
    }
}
