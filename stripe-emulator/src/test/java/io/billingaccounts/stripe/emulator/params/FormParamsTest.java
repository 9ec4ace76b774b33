package io.billingaccounts.stripe.emulator.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormParamsTest {

    @Test
    void nestsBracketedKeys() {
        ParamNode.Branch root = FormParams.decode("address%5Bcity%5D=Saint+%C3%89tienne&metadata[k]=&name=Ann").root();

        assertThat(root.branch("address").string("city")).isEqualTo("Saint Étienne");
        assertThat(root.branch("metadata").string("k")).isEmpty();
        assertThat(root.string("name")).isEqualTo("Ann");
    }

    @Test
    void numbersEmptyBracketsInArrivalOrderAndKeepsIndexedElements() {
        ParamNode.Branch root = FormParams.decode("expand[]=a&expand[]=b", "items[0][price]=p0&items[1][price]=p1").root();

        assertThat(root.branch("expand").children()).containsOnlyKeys("0", "1");
        assertThat(root.branch("expand").string("1")).isEqualTo("b");
        assertThat(root.branch("items").branch("1").string("price")).isEqualTo("p1");
    }

    @Test
    void refusesAKeyThatIsBothAValueAndAHash() {
        assertThatThrownBy(() -> FormParams.decode("address=x&address[city]=y"))
                .isInstanceOfSatisfying(StripeError.class, e -> assertThat(e.param()).isEqualTo("address"));
    }

    @Test
    void splitsKeysAndNamesPathsTheWayStripeDoes() {
        assertThat(FormParams.splitKey("items[0][price_data][currency]")).containsExactly("items", "0", "price_data", "currency");
        assertThat(FormParams.splitKey("broken[key")).containsExactly("broken[key");
        assertThat(FormParams.bracketed(List.of("metadata", "workspace_id"))).isEqualTo("metadata[workspace_id]");
    }

    @Test
    void theFingerprintIgnoresTheOrderOfDifferentKeysOnly() {
        String fingerprint = FormParams.decode("name=Ann&email=a%40b.c&expand[]=x&expand[]=y").fingerprint();

        assertThat(FormParams.decode("email=a%40b.c&name=Ann&expand[]=x&expand[]=y").fingerprint()).isEqualTo(fingerprint);
        assertThat(FormParams.decode("name=Ann&email=a%40b.c&expand[]=y&expand[]=x").fingerprint()).isNotEqualTo(fingerprint);
        assertThat(FormParams.decode("name=Bob&email=a%40b.c&expand[]=x&expand[]=y").fingerprint()).isNotEqualTo(fingerprint);
    }
}
