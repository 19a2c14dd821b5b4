package io.h2rec.lab.archfixture;

/** A lab tool (rule 6's fixture): lives in the lab module, never in a server. */
public class LabTool {
}
