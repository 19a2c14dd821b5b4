package io.h2rec.archfixture.rule3;

import io.h2rec.proto.archfixture.FakeMessage;
import jakarta.persistence.archfixture.FakeEntityManager;
import org.tensorflow.archfixture.FakeTensor;

/** Classes outside their technology's adapter that use it anyway: each breaks rule 3. */
public final class Rule3Breakers {
    private Rule3Breakers() {
    }

    public static class UsesTensorFlow {
        FakeTensor tensor;
    }

    public static class UsesJpa {
        FakeEntityManager entityManager;
    }

    public static class UsesProto {
        FakeMessage message;
    }
}
