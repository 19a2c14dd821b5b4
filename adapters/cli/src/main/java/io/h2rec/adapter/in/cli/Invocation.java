package io.h2rec.adapter.in.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A command's invocation as a line that runs it again: the launcher, the command and every option
 * with the value it had (defaults included, so a later change of a default does not change what the
 * line means). Help and {@code --verbose} are left out; flags appear when set.
 */
public final class Invocation {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./,=@:+%-]+");

    private Invocation() {
    }

    public static String of(CommandSpec spec) {
        StringBuilder line = new StringBuilder(CliFront.LAUNCHER).append(' ').append(spec.name());
        for (OptionSpec o : spec.options()) {
            Object value = o.getValue();
            String name = o.longestName();
            if (o.usageHelp() || o.versionHelp() || name.equals(CliFront.VERBOSE) || value == null) {
                continue;
            }
            if (value instanceof Boolean flag) {
                if (flag) {
                    line.append(' ').append(name);
                }
            } else if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> line.append(' ').append(name).append(' ').append(quote(k + "=" + v)));
            } else if (value instanceof Collection<?> values) {
                if (o.splitRegex().equals(",")) {
                    if (!values.isEmpty()) {
                        line.append(' ').append(name).append(' ')
                                .append(quote(values.stream().map(String::valueOf).collect(Collectors.joining(","))));
                    }
                } else {
                    values.forEach(v -> line.append(' ').append(name).append(' ').append(quote(String.valueOf(v))));
                }
            } else {
                line.append(' ').append(name).append(' ').append(quote(String.valueOf(value)));
            }
        }
        return line.toString();
    }

    /** POSIX-shell quoting where a value needs it. */
    static String quote(String s) {
        return PLAIN.matcher(s).matches() ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
