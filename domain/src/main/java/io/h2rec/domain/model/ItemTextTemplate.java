package io.h2rec.domain.model;

import io.h2rec.domain.error.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the text an item is embedded from. A template is segments separated by '|', each with
 * {field} placeholders; a segment whose fields are all empty is dropped, the rest are joined with
 * ". ". HTML entities (&amp;amp; &amp;quot; &amp;#39; ...) are decoded and whitespace collapsed.
 * The default covers title, brand, categories and description, plus year and name for datasets
 * that have them.
 */
public record ItemTextTemplate(String template, int maxChars) {
    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z0-9_]+)}");
    public static final ItemTextTemplate DEFAULT = new ItemTextTemplate(
            "{title}{name}|Brand: {brand}|Year: {year}|Categories: {categories}|{description}", 1000);

    public ItemTextTemplate {
        Objects.requireNonNull(template, "template");
        if (!FIELD.matcher(template).find()) {
            throw new InvalidInputException("template", "template '" + template + "' names no {field}");
        }
        if (maxChars < 16) {
            throw new IllegalArgumentException("maxChars must be >= 16");
        }
    }

    public String render(Item item) {
        List<String> parts = new ArrayList<>();
        for (String segment : template.split("\\|")) {
            Matcher m = FIELD.matcher(segment);
            StringBuilder sb = new StringBuilder();
            boolean any = false;
            while (m.find()) {
                String value = clean(item.field(m.group(1)));
                any |= !value.isEmpty();
                m.appendReplacement(sb, Matcher.quoteReplacement(value));
            }
            m.appendTail(sb);
            if (any) {
                parts.add(sb.toString().trim());
            }
        }
        String text = String.join(". ", parts);
        return text.length() <= maxChars ? text : text.substring(0, maxChars);
    }

    static String clean(String s) {
        return decodeEntities(s).replaceAll("\\s+", " ").trim();
    }

    /** The entities item text actually carries: named basics and numeric references. */
    static String decodeEntities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int semi = c == '&' ? s.indexOf(';', i) : -1;
            if (semi > i && semi - i <= 10) {
                String name = s.substring(i + 1, semi);
                String decoded = switch (name) {
                    case "amp" -> "&";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "nbsp" -> " ";
                    default -> numeric(name);
                };
                if (decoded != null) {
                    out.append(decoded);
                    i = semi + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static String numeric(String name) {
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
            }
            if (name.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(name.substring(1))));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
