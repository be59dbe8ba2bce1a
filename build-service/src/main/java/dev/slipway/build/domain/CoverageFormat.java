package dev.slipway.build.domain;

/** The coverage report formats a component may declare; told apart by their content, not their name. */
public enum CoverageFormat {
    LCOV("lcov"),
    COBERTURA("Cobertura XML"),
    JACOCO("JaCoCo XML");

    private final String label;

    CoverageFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
