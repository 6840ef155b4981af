package dev.statekeeper.bench.http;

import dev.statekeeper.bench.Flags;

/** What a run measures: reading a whole loop, or appending one critic feedback entry to it. */
enum Op {
    GET_LOOP("get-loop"),
    ADD_FEEDBACK("add-feedback");

    private final String label;

    Op(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static Op of(String label) {
        return Flags.choice("operation", Op.class, Op::label, label);
    }
}
