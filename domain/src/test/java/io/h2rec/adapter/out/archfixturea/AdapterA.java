package io.h2rec.adapter.out.archfixturea;

import io.h2rec.adapter.out.archfixtureb.AdapterB;

/** Breaks rule 2 on purpose: one adapter importing another. */
public class AdapterA {
    AdapterB other = new AdapterB();
}
