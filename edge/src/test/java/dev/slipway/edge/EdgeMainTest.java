package dev.slipway.edge;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EdgeMainTest {

    @Test
    void defaultsThenEnvironmentThenArguments() {
        EdgeSettings defaults = EdgeMain.settings(new String[0], Map.of());
        assertThat(defaults.host()).isEqualTo("127.0.0.1");
        assertThat(defaults.port()).isEqualTo(8088);
        assertThat(defaults.adminPort()).isEqualTo(8089);
        assertThat(defaults.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".slipway", "edge"));
        assertThat(defaults.stopTimeout()).hasSeconds(10);

        EdgeSettings fromEnvironment = EdgeMain.settings(new String[0], Map.of("SLIPWAY_EDGE_PORT", "9000",
                "SLIPWAY_EDGE_ADMIN_PORT", "9001", "SLIPWAY_EDGE_DATA_DIR", "/var/edge"));
        assertThat(fromEnvironment.port()).isEqualTo(9000);
        assertThat(fromEnvironment.adminPort()).isEqualTo(9001);
        assertThat(fromEnvironment.dataDir()).isEqualTo(Path.of("/var/edge"));

        EdgeSettings fromArguments = EdgeMain.settings(new String[]{"--port", "7000", "--admin-port=7001",
                "--data-dir", "/srv/edge"}, Map.of("SLIPWAY_EDGE_PORT", "9000"));
        assertThat(fromArguments.port()).isEqualTo(7000);
        assertThat(fromArguments.adminPort()).isEqualTo(7001);
        assertThat(fromArguments.dataDir()).isEqualTo(Path.of("/srv/edge"));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> EdgeMain.settings(new String[]{"--port", "70000"}, Map.of()))
                .hasMessageContaining("--port must be a port number");
        assertThatThrownBy(() -> EdgeMain.settings(new String[]{"--admin-port"}, Map.of()))
                .hasMessage("--admin-port needs a value");
        assertThatThrownBy(() -> EdgeMain.settings(new String[]{"--verbose"}, Map.of()))
                .hasMessage("unknown argument --verbose");
        assertThatThrownBy(() -> EdgeMain.settings(new String[0], Map.of("SLIPWAY_EDGE_ADMIN_PORT", "x")))
                .hasMessageContaining("SLIPWAY_EDGE_ADMIN_PORT");
        assertThatThrownBy(() -> EdgeMain.settings(new String[]{"--port", "9000", "--admin-port", "9000"}, Map.of()))
                .hasMessageContaining("must differ");
    }
}
