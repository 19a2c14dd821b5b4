package io.h2rec.domain.model;

/** Orders identifiers numerically when both are integers, lexicographically otherwise (numbers first). */
public final class NaturalOrder {
    private NaturalOrder() {
    }

    public static int compare(String a, String b) {
        Long x = asLong(a);
        Long y = asLong(b);
        if (x != null && y != null) {
            return Long.compare(x, y);
        }
        if (x != null) {
            return -1;
        }
        if (y != null) {
            return 1;
        }
        return a.compareTo(b);
    }

    private static Long asLong(String s) {
        int n = s.length();
        if (n == 0 || n > 18) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return Long.parseLong(s);
    }
}
