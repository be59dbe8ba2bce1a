package dev.slipway.spec;

/** An invalid {@code slipway.yml}: the message names the line and the problem. */
public class SpecException extends RuntimeException {
    private final int line;

    public SpecException(int line, String problem) {
        super(PipelineSpec.FILE_NAME + (line > 0 ? " line " + line : "") + ": " + problem);
        this.line = line;
    }

    /** 1-based line of the problem; 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}
