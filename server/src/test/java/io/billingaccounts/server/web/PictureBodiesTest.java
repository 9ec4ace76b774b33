package io.billingaccounts.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.billingaccounts.server.support.Api.Reply;
import io.billingaccounts.server.support.ServiceTest;

/** An organization's picture, read once when its body is checked: stored, refused with the rest, removed. */
class PictureBodiesTest extends ServiceTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0};

    @Test
    void aPictureIsStoredRefusedWithEveryOtherFieldAndRemoved() {
        String workspace = api.workspace("usr_pia", "pooled");
        Reply created = api.send("usr_pia", "POST", "/workspaces/" + workspace + "/organizations",
                "{\"name\": \"Pictured\", \"picture\": \"data:image/png;base64,"
                        + Base64.getEncoder().encodeToString(PNG) + "\"}", Map.of());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String organization = "/workspaces/" + workspace + "/organizations/" + created.text("id");
        assertThat(api.get("usr_pia", organization + "/picture").header("Content-Type")).isEqualTo("image/png");

        Reply refused = api.patch("usr_pia", organization,
                "{\"picture\": \"not a picture\", \"branding\": {\"colors\": {\"primary\": \"red\"}}}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorFields()).containsExactlyInAnyOrder("picture", "branding.colors.primary");
        assertThat(api.get("usr_pia", organization + "/picture").status()).isEqualTo(200);

        Reply removed = api.patch("usr_pia", organization, "{\"picture\": null}");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().path("picture").isNull()).isTrue();
        assertThat(api.get("usr_pia", organization + "/picture").status()).isEqualTo(404);
    }
}
