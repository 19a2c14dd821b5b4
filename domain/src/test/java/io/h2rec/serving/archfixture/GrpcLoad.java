package io.h2rec.serving.archfixture;

/** Breaks rule 6 on purpose: a load generator shipped inside a server. */
public class GrpcLoad {
}
