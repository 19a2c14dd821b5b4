package io.h2rec.adapter.in.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * An RFC 9457 problem detail, the one error body of every REST endpoint
 * ({@code application/problem+json}).
 *
 * @param type    what kind of problem, a URN a client can switch on ({@code urn:h2rec:problem:invalid-input})
 * @param title   the kind in words, the same for every problem of that type
 * @param detail  this occurrence, in words: what is wrong and what is allowed
 * @param field   the offending request field as a path ("params.hidden", "seeds[1]", "options.batch"), if any
 * @param errorId quotes this occurrence in the service's log (where a 5xx's stack trace is)
 * @param extra   facts of this problem type (e.g. estimateMb and budgetMb of an over-budget config)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field, String errorId,
                      String instance, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> extra) {
    public static final String MEDIA_TYPE = "application/problem+json";

    @JsonAnyGetter
    public Map<String, Object> extra() {
        return extra;
    }
}
