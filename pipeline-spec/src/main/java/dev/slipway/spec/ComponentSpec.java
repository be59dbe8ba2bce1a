package dev.slipway.spec;

import java.time.Duration;

/**
 * One component of an application as {@code slipway.yml} declares it.
 *
 * @param path     folder in the repository
 * @param test     shell command run in {@code path}; null when the component has no tests
 * @param coverage null when no report is declared
 * @param build    shell command run in {@code path} after the tests; null when nothing needs building
 * @param output   what is deployed, relative to {@code path}
 * @param health   null when the component declares no health check
 * @param run      for services: the command that starts it
 * @param port     for services: the port it listens on unless {@code PORT} says otherwise
 * @param route    for services: the path under the environment's URL it is reached at ({@code /<name>} unless
 *                 set); null for static components
 * @param migrate  shell command run in the deployed output folder before the switch; null when none
 * @param timeout  limit for each of {@code test} and {@code build}
 * @param image    for services: the container image built and pushed; null when none
 */
public record ComponentSpec(String name, ComponentKind kind, String path, String test, CoverageGate coverage,
                            String build, String output, HealthCheck health, String run, Integer port,
                            String route, String migrate, Duration timeout, ImageSpec image) {
}
