package io.h2rec.training.archfixture;

/** Breaks rule 6 on purpose: an experiment (the lab's search) inside a server. */
public class SearchCommand {
}
