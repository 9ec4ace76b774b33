package io.billingaccounts.server.organizations;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Objects;

/**
 * An organization's picture as sent: a link to an image elsewhere, kept as given, or an image carried in a data
 * URI, which the service stores and serves itself. What a caller declares about an image is not trusted: its
 * format is read from its first bytes, so the served {@code Content-Type} always matches what is served.
 */
public sealed interface PictureData {

    /** The largest picture accepted, exclusive: a decoded image must be smaller. */
    int MAX_IMAGE_BYTES = 2 * 1024 * 1024;

    int MAX_URL_LENGTH = 2048;

    /** An {@code https} URL of a picture hosted elsewhere, exactly as the caller sent it. */
    record Link(String url) implements PictureData {
    }

    /** A picture's bytes and the media type their first bytes show: image/jpeg, image/png or image/gif. */
    record Image(String mediaType, byte[] bytes) implements PictureData {
    }

    /** A value that is no picture; {@code reason} completes "picture ..." for the field violation. */
    record Invalid(String reason) implements PictureData {
    }

    /** Reads a picture field's value; never throws for a bad value, so the caller can collect it as a violation. */
    static PictureData parse(String value) {
        Objects.requireNonNull(value, "value");
        if (value.regionMatches(true, 0, "https://", 0, "https://".length())) {
            return link(value);
        }
        if (value.regionMatches(true, 0, "data:", 0, "data:".length())) {
            return image(value);
        }
        return new Invalid("must be an https URL or a base64 data URI of a JPEG, PNG or GIF image");
    }

    private static PictureData link(String value) {
        if (value.length() > MAX_URL_LENGTH) {
            return new Invalid("must be a URL of at most " + MAX_URL_LENGTH + " characters");
        }
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null) {
                return new Invalid("must be an https URL with a host");
            }
            return new Link(value);
        } catch (URISyntaxException e) {
            return new Invalid("must be a valid https URL");
        }
    }

    /** {@code data:[<mediatype>][;base64],<data>}: only the base64 form can carry an image's bytes intact. */
    private static PictureData image(String value) {
        int comma = value.indexOf(',');
        String header = comma < 0 ? "" : value.substring("data:".length(), comma);
        if (!header.regionMatches(true, header.length() - ";base64".length(), ";base64", 0, ";base64".length())) {
            return new Invalid("must be a base64 data URI (data:<media type>;base64,<data>)");
        }
        byte[] bytes;
        try {
            // The request body's own size limit already bounds what is decoded here.
            bytes = Base64.getDecoder().decode(value.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            return new Invalid("must carry valid base64 data");
        }
        if (bytes.length == 0) {
            return new Invalid("must carry an image, not empty data");
        }
        if (bytes.length >= MAX_IMAGE_BYTES) {
            return new Invalid("must be an image smaller than 2 MB (" + MAX_IMAGE_BYTES + " bytes)");
        }
        String mediaType = mediaTypeOf(bytes);
        if (mediaType == null) {
            return new Invalid("must be a JPEG, PNG or GIF image");
        }
        return new Image(mediaType, bytes);
    }

    /** The image format that the file's signature shows, or null for anything else. */
    private static String mediaTypeOf(byte[] bytes) {
        if (startsWith(bytes, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(bytes, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (startsWith(bytes, 'G', 'I', 'F', '8', '7', 'a') || startsWith(bytes, 'G', 'I', 'F', '8', '9', 'a')) {
            return "image/gif";
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, int... signature) {
        if (bytes.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((bytes[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
