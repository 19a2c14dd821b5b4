package jakarta.persistence.archfixture;

/** Stands in for a JPA class in the rule-3 fixtures (test sources only). */
public class FakeEntityManager {
}
