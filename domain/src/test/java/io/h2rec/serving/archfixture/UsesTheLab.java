package io.h2rec.serving.archfixture;

import io.h2rec.lab.archfixture.LabTool;

/** Breaks rule 6 on purpose: a server linking a lab tool. */
public class UsesTheLab {
    LabTool tool = new LabTool();
}
