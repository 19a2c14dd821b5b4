package io.h2rec.domain.model;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** What a codebook is made of (its settings, part of a ledger key) and what came out (a digest of its codes). */
class CodebookDescriptorTest {
    private static Map<ItemId, SemanticId> codes(String... idAndCodes) {
        Map<ItemId, SemanticId> m = new LinkedHashMap<>();
        for (int i = 0; i < idAndCodes.length; i += 2) {
            String[] c = idAndCodes[i + 1].split(",");
            int[] codes = new int[c.length];
            for (int l = 0; l < c.length; l++) {
                codes[l] = Integer.parseInt(c[l]);
            }
            m.put(new ItemId(idAndCodes[i]), new SemanticId(codes));
        }
        return m;
    }

    @Test
    void theDigestIsOfTheAssignmentNotOfTheMapsOrder() {
        String d = CodebookDescriptor.digest(codes("10", "1,2", "2", "3,4"));
        assertEquals(d, CodebookDescriptor.digest(codes("2", "3,4", "10", "1,2")));
        // printf '10\t1,2\n2\t3,4\n' | sha256sum — one line per item, the ids in text order ("10" before "2")
        assertEquals("aa9f101f9bf0e488769bfcb36088991b8e9e588af00c96911d7edabc97fa32b2", d);
    }

    @Test
    void oneItemsOtherCodeOrAnItemMoreChangesTheDigest() {
        String d = CodebookDescriptor.digest(codes("1", "1,2", "2", "3,4"));
        assertNotEquals(d, CodebookDescriptor.digest(codes("1", "1,2", "2", "3,5")));
        assertNotEquals(d, CodebookDescriptor.digest(codes("1", "1,2", "2", "3,4", "3", "3,4")));
        assertNotEquals(d, CodebookDescriptor.digest(codes("1", "1,23", "2", "4")), "levels are kept apart");
    }

    @Test
    void theCodesAreProvenanceNotPartOfTheCanonicalSettings() {
        CodebookDescriptor a = new CodebookDescriptor("rqkmeans", 4, 256, 42, Map.of(), "enc", "{title}");
        CodebookDescriptor b = a.withCodes(CodebookDescriptor.digest(codes("1", "1,2")));
        assertEquals(a.canonical(), b.canonical(), "a ledger key names how a codebook is made: runs elsewhere still count");
        assertNotEquals(a, b);
    }
}
