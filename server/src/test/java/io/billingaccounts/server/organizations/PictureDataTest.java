package io.billingaccounts.server.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PictureDataTest {

    private static final byte[] PNG = bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D);
    private static final byte[] JPEG = bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F');
    private static final byte[] GIF87 = "GIF87a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] GIF89 = "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void readsEachFormatFromItsBytesWhateverTheDeclaredType() {
        assertImage(PictureData.parse(dataUri("image/jpeg", PNG)), "image/png", PNG);
        assertImage(PictureData.parse(dataUri("image/gif", JPEG)), "image/jpeg", JPEG);
        assertImage(PictureData.parse(dataUri("image/png", GIF87)), "image/gif", GIF87);
        assertImage(PictureData.parse(dataUri("application/octet-stream", GIF89)), "image/gif", GIF89);
        assertImage(PictureData.parse(dataUri("", PNG)), "image/png", PNG);
    }

    @Test
    void refusesATextFileDeclaredAsAnImage() {
        byte[] text = "just some text, not a picture".getBytes(StandardCharsets.UTF_8);

        assertInvalid(PictureData.parse(dataUri("image/png", text)), "must be a JPEG, PNG or GIF image");
    }

    @Test
    void refusesAPictureOfTwoMegabytesAndTakesOneJustUnder() {
        byte[] twoMegabytes = Arrays.copyOf(PNG, 2 * 1024 * 1024);
        byte[] justUnder = Arrays.copyOf(PNG, 2 * 1024 * 1024 - 1);

        assertInvalid(PictureData.parse(dataUri("image/png", twoMegabytes)), "smaller than 2 MB");
        assertImage(PictureData.parse(dataUri("image/png", justUnder)), "image/png", justUnder);
    }

    @Test
    void refusesEmptyData() {
        assertInvalid(PictureData.parse("data:image/png;base64,"), "not empty data");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data:image/png;base64,iVBORw0KGgo@@@", "data:image/png;base64,iVBORw0KGgo=AAA"})
    void refusesBadBase64(String value) {
        assertInvalid(PictureData.parse(value), "valid base64");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data:image/png,%89PNG%0D%0A%1A%0A", "data:image/png;charset=utf-8,abc", "data:image/png"})
    void refusesDataUrisThatAreNotBase64(String value) {
        assertInvalid(PictureData.parse(value), "base64 data URI");
    }

    @Test
    void keepsAnHttpsUrlAsGiven() {
        String url = "https://cdn.example.com/logos/acme.png?v=2#top";

        assertThat(PictureData.parse(url)).isEqualTo(new PictureData.Link(url));
        assertThat(PictureData.parse("HTTPS://cdn.example.com/a.gif"))
                .isEqualTo(new PictureData.Link("HTTPS://cdn.example.com/a.gif"));
    }

    @Test
    void takesAnHttpsUrlOfAtMost2048Characters() {
        String prefix = "https://cdn.example.com/";
        String longest = prefix + "a".repeat(2048 - prefix.length());

        assertThat(PictureData.parse(longest)).isEqualTo(new PictureData.Link(longest));
        assertInvalid(PictureData.parse(longest + "a"), "at most 2048 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https:///logo.png", "https://", "https://exa mple.com/logo.png", "https://[::1/x"})
    void refusesAnHttpsUrlThatIsNotValidOrHasNoHost(String value) {
        assertThat(PictureData.parse(value)).isInstanceOf(PictureData.Invalid.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://cdn.example.com/logo.png", "ftp://cdn.example.com/logo.png", "logo.png", "",
            "javascript:alert(1)", "//cdn.example.com/logo.png"})
    void refusesAnythingElse(String value) {
        assertInvalid(PictureData.parse(value), "must be an https URL or a base64 data URI");
    }

    private static void assertImage(PictureData picture, String mediaType, byte[] bytes) {
        assertThat(picture).isInstanceOfSatisfying(PictureData.Image.class, image -> {
            assertThat(image.mediaType()).isEqualTo(mediaType);
            assertThat(image.bytes()).isEqualTo(bytes);
        });
    }

    private static void assertInvalid(PictureData picture, String reason) {
        assertThat(picture).isInstanceOfSatisfying(PictureData.Invalid.class,
                invalid -> assertThat(invalid.reason()).contains(reason));
    }

    private static String dataUri(String declaredType, byte[] bytes) {
        return "data:" + declaredType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
