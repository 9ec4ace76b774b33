package io.billingaccounts.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** If-Match as RFC 9110 reads it: strong comparison, lists, and the wildcard. */
class ETagsTest {

    @Test
    void noHeaderOrTheWildcardSetsNoCondition() {
        assertThat(ETags.acceptedVersions(null)).isNull();
        assertThat(ETags.acceptedVersions(" * ")).isNull();
    }

    @Test
    void aListAcceptsEachOfItsStrongTags() {
        assertThat(ETags.acceptedVersions("\"3\", \"7\",\"12\"")).containsExactlyInAnyOrder(3L, 7L, 12L);
        assertThat(ETags.acceptedVersions(ETags.of(42))).containsExactly(42L);
    }

    @Test
    void weakTagsAndTagsThisServiceNeverMadeMatchNothing() {
        assertThat(ETags.acceptedVersions("W/\"3\"")).isEmpty();
        assertThat(ETags.acceptedVersions("W/\"3\", \"4\"")).containsExactly(4L);
        assertThat(ETags.acceptedVersions("\"abc\"")).isEmpty();
        assertThat(ETags.acceptedVersions("3")).isEmpty();
    }
}
