package io.h2rec.proto.archfixture;

/** Stands in for a generated protobuf class in the rule-3 fixtures (test sources only). */
public class FakeMessage {
}
