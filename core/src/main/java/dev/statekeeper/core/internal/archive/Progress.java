package dev.statekeeper.core.internal.archive;

/** Hears how long work on records gets on, for a progress bar. Called from the thread doing the work. */
public interface Progress {
    /** Hears nothing. */
    Progress NONE = new Progress() {
        @Override
        public void begin(String step, long total) {
        }

        @Override
        public void advance() {
        }

        @Override
        public void end() {
        }
    };

    /** A step begins that goes through about {@code total} records (-1 when unknown). */
    void begin(String step, long total);

    /** One more record is done. */
    void advance();

    /** The step is over. */
    void end();
}
