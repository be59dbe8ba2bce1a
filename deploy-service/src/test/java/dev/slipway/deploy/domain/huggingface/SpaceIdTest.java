package dev.slipway.deploy.domain.huggingface;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpaceIdTest {

    @Test
    void theAppSubdomainIsOwnerDashNameLowerCasedWithUnderscoresAndDotsAsDashes() {
        assertThat(SpaceId.parse("Acme_Corp/Shop.Backend_green").subdomain()).isEqualTo("acme-corp-shop-backend-green");
        assertThat(SpaceId.parse("user/tmp_test_space").subdomain()).isEqualTo("user-tmp-test-space");
    }

    @Test
    void aNameTheHubWouldRefuseIsRefusedHere() {
        assertThatThrownBy(() -> SpaceId.parse("acme")).hasMessageContaining("owner/name");
        assertThatThrownBy(() -> SpaceId.parse("acme/a/b")).hasMessageContaining("owner/name");
        assertThatThrownBy(() -> SpaceId.parse("acme/shop--x")).hasMessageContaining("name");
        assertThatThrownBy(() -> SpaceId.parse("acme/shop?x")).hasMessageContaining("got 'shop?x'");
    }
}
