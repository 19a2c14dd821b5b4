package io.h2rec.adapter.in.archfixture;

import io.h2rec.adapter.out.archfixtureb.AdapterB;

/** Breaks rule 2 on purpose: an inbound adapter (a command-line front) importing an outbound one. */
public class CliUsingAnOutboundAdapter {
    AdapterB store = new AdapterB();
}
