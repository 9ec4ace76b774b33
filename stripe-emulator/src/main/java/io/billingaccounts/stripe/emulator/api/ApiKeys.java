package io.billingaccounts.stripe.emulator.api;

import io.billingaccounts.stripe.emulator.support.StripeError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Stripe's authentication: a secret key as a Bearer token, or as the user of HTTP Basic (what
 * {@code curl -u sk_test_x:} sends). The emulator is a test-mode account, so only test keys pass.
 */
final class ApiKeys {

    private static final String TEST_KEY = "(sk|rk)_test_[A-Za-z0-9_]+";

    private ApiKeys() {
    }

    /** @return null when the header carries a test key, else the 401 Stripe answers */
    static StripeError check(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return unauthorized("You did not provide an API key. You need to provide your API key in the Authorization"
                    + " header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See"
                    + " https://stripe.com/docs/api#authentication for details, or we can help at"
                    + " https://support.stripe.com/.");
        }
        String key = key(authorization.trim());
        if (key == null || !key.matches(TEST_KEY)) {
            return unauthorized("Invalid API Key provided: " + redacted(key == null ? authorization : key));
        }
        return null;
    }

    private static String key(String authorization) {
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String credentials = new String(
                        Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = credentials.indexOf(':');
                return colon < 0 ? credentials : credentials.substring(0, colon);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
        return null;
    }

    private static String redacted(String key) {
        if (key.length() <= 12) {
            return "*".repeat(key.length());
        }
        return key.substring(0, 8) + "*".repeat(key.length() - 12) + key.substring(key.length() - 4);
    }

    private static StripeError unauthorized(String message) {
        return new StripeError(401, StripeError.INVALID_REQUEST, null, message, null);
    }
}
