package dev.slipway.build.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Line coverage read from reports the real tools wrote (see src/test/resources/coverage/README.md). FR-011. */
class CoverageReportsTest {

    @TempDir
    Path dir;

    @Test
    void lcovFromNodeTestRunnerCountsTheLinesItsRecordsState() throws Exception {
        Path report = resource("lcov.info");
        String text = Files.readString(report);
        long found = sum(text, "^LF:(\\d+)$");
        long hit = sum(text, "^LH:(\\d+)$");

        LineCoverage coverage = CoverageReports.read(report);

        assertThat(coverage.format()).isEqualTo(CoverageFormat.LCOV);
        assertThat(coverage.covered()).isEqualTo(hit).isEqualTo(30);
        assertThat(coverage.total()).isEqualTo(found).isEqualTo(40);
        assertThat(coverage.percent()).isEqualTo(75.0); // node's own table: "all files | 75.00"
    }

    @Test
    void coberturaFromC8UsesTheLinesTheRootStates() throws Exception {
        Path report = resource("cobertura.xml");
        String text = Files.readString(report);

        LineCoverage coverage = CoverageReports.read(report);

        assertThat(coverage.format()).isEqualTo(CoverageFormat.COBERTURA);
        assertThat(coverage.covered()).isEqualTo(rootAttribute(text, "lines-covered")).isEqualTo(18);
        assertThat(coverage.total()).isEqualTo(rootAttribute(text, "lines-valid")).isEqualTo(28);
        assertThat(coverage.percent()).isEqualTo(64.29);
        double lineRate = Double.parseDouble(matcher(text, "<coverage [^>]*line-rate=\"([0-9.]+)\"").group(1));
        assertThat(coverage.percent()).isCloseTo(lineRate * 100, within(0.01)); // c8 truncates the rate to 4 digits
    }

    @Test
    void coberturaWithoutLineTotalsCountsTheLinesOfEveryClassOnce() throws Exception {
        String text = Files.readString(resource("cobertura.xml"))
                .replaceFirst("lines-valid=\"\\d+\" lines-covered=\"\\d+\" ", "");
        assertThat(text).doesNotContain("lines-valid");
        Path report = Files.writeString(dir.resolve("old-cobertura.xml"), text);

        LineCoverage coverage = CoverageReports.read(report);

        // the same figure although each method repeats its first line under <methods>
        assertThat(coverage).isEqualTo(new LineCoverage(CoverageFormat.COBERTURA, 18, 28));
    }

    @Test
    void jacocoFromTheJacocoCliUsesTheReportsLineCounter() throws Exception {
        Path report = resource("jacoco.xml");
        String text = Files.readString(report);
        // the report's own counters follow its last package
        Matcher last = matcher(text.substring(text.lastIndexOf("</package>")), "<counter type=\"LINE\" missed=\"(\\d+)\" covered=\"(\\d+)\"/>");

        LineCoverage coverage = CoverageReports.read(report);

        assertThat(coverage.format()).isEqualTo(CoverageFormat.JACOCO);
        assertThat(coverage.covered()).isEqualTo(Long.parseLong(last.group(2))).isEqualTo(9);
        assertThat(coverage.total()).isEqualTo(Long.parseLong(last.group(1)) + Long.parseLong(last.group(2))).isEqualTo(16);
        assertThat(coverage.percent()).isEqualTo(56.25);
    }

    @Test
    void theFormatIsToldByContentNotByFileName() throws Exception {
        Path disguised = Files.copy(resource("jacoco.xml"), dir.resolve("coverage.info"));
        Path lcov = Files.copy(resource("lcov.info"), dir.resolve("report.xml"));

        assertThat(CoverageReports.read(disguised).format()).isEqualTo(CoverageFormat.JACOCO);
        assertThat(CoverageReports.read(lcov).format()).isEqualTo(CoverageFormat.LCOV);
    }

    @Test
    void externalEntitiesAreNeverResolved() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "host secret");
        // Were the entity resolved, this would read as a valid report: refusing it proves it was not.
        Path report = Files.writeString(dir.resolve("evil.xml"), """
                <?xml version="1.0"?>
                <!DOCTYPE report [<!ENTITY xxe SYSTEM "%s">]>
                <report name="r"><sessioninfo id="s" start="1" dump="2"/>&xxe;<counter type="LINE" missed="1" covered="1"/></report>
                """.formatted(secret.toUri()));

        assertThatThrownBy(() -> CoverageReports.read(report))
                .isInstanceOf(CoverageReportException.class)
                .hasMessageContaining("xxe")
                .hasMessageNotContaining("host secret");
    }

    @Test
    void anExternalDtdIsNotLoaded() throws Exception {
        Path dtd = Files.writeString(dir.resolve("report.dtd"), "this is not a DTD and would fail the parse if read");
        String jacoco = Files.readString(resource("jacoco.xml"))
                .replace("\"report.dtd\"", "\"" + dtd.toUri() + "\"");
        Path report = Files.writeString(dir.resolve("jacoco.xml"), jacoco);

        assertThat(CoverageReports.read(report)).isEqualTo(new LineCoverage(CoverageFormat.JACOCO, 9, 16));
    }

    @Test
    void somethingElseIsRefusedWithAClearMessage() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "all good, trust me\n");
        Path html = Files.writeString(dir.resolve("index.html"), "<html><body>coverage 100%</body></html>");
        Path broken = Files.writeString(dir.resolve("lcov.info"), "SF:a.js\nDA:1,x\nend_of_record\n");

        assertThatThrownBy(() -> CoverageReports.read(text)).hasMessageContaining("neither lcov, Cobertura XML nor JaCoCo XML");
        assertThatThrownBy(() -> CoverageReports.read(html)).hasMessageContaining("root <html>");
        assertThatThrownBy(() -> CoverageReports.read(broken)).hasMessageContaining("lcov line 2").hasMessageContaining("DA:1,x");
    }

    @Test
    void lcovRecordsOfOneFileAreMergedLineByLine() throws Exception {
        Path report = Files.writeString(dir.resolve("merged.info"), String.join("\n", List.of(
                "TN:unit", "SF:a.js", "DA:1,1", "DA:2,0", "DA:3,0", "LF:3", "LH:1", "end_of_record",
                "TN:e2e", "SF:a.js", "DA:1,0", "DA:2,4", "DA:3,0", "LF:3", "LH:1", "end_of_record", "")));

        assertThat(CoverageReports.read(report)).isEqualTo(new LineCoverage(CoverageFormat.LCOV, 2, 3));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(CoverageReportsTest.class.getResource("/coverage/" + name).toURI());
    }

    private static long sum(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    private static long rootAttribute(String text, String name) {
        return Long.parseLong(matcher(text, "<coverage [^>]*" + name + "=\"(\\d+)\"").group(1));
    }

    private static Matcher matcher(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in the report", regex).isTrue();
        return m;
    }
}
