package io.h2rec.archfixture.adapter.in.rest;

/** Breaks rule 5: a resource that turns any IllegalArgumentException into a client answer. */
public class CatchesIllegalArgument {
    public String get(String id) {
        try {
            return String.valueOf(Long.parseLong(id));
        } catch (IllegalArgumentException e) {
            return "400 " + e.getMessage();
        }
    }
}
