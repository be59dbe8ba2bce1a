package dev.slipway.standins.netlify;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** FR-003: the part of Netlify's _redirects syntax the stand-in serves. */
class RedirectsTest {

    @Test
    void parsesRulesStatusAndForceAndSkipsComments() {
        List<Redirects.Rule> rules = Redirects.parse("""
                # comment
                /api/*   https://backend.example/v1/:splat   200!
                /old     /new                                 # 301 by default

                /blog/:year/:slug  /posts/:year-:slug  302
                """);

        assertThat(rules).containsExactly(
                new Redirects.Rule("/api/*", "https://backend.example/v1/:splat", 200, true),
                new Redirects.Rule("/old", "/new", 301, false),
                new Redirects.Rule("/blog/:year/:slug", "/posts/:year-:slug", 302, false));
        assertThat(rules.get(0).isProxy()).isTrue();
        assertThat(rules.get(1).isProxy()).isFalse();
    }

    @Test
    void splatCapturesTheRestOfThePath() {
        Redirects.Rule rule = Redirects.parse("/api/*  https://b.example/v1/:splat  200").get(0);

        assertThat(rule.target("/api/items/7")).contains("https://b.example/v1/items/7");
        assertThat(rule.target("/api/")).contains("https://b.example/v1/");
        assertThat(rule.target("/apix/items")).isEmpty();
        assertThat(rule.target("/")).isEmpty();
    }

    @Test
    void placeholdersFillTheTarget() {
        Redirects.Rule rule = Redirects.parse("/blog/:year/:slug  /posts/:year-:slug  302").get(0);

        assertThat(rule.target("/blog/2024/hello")).contains("/posts/2024-hello");
        assertThat(rule.target("/blog/2024")).isEmpty();
    }

    @Test
    void rulesWithConditionsOrDomainsNeverMatch() {
        assertThat(Redirects.parse("""
                /store id=:id  /blog/:id  301
                /  /fr  302  Country=fr
                https://old.example/*  https://new.example/:splat  301!
                """)).isEmpty();
    }
}
