package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Price;
import com.stripe.model.StripeCollection;
import com.stripe.param.PriceListParams;
import com.stripe.param.PriceRetrieveParams;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The account starts with the catalog the billing-accounts service expects: 3 products, 15 monthly prices. */
class PriceApiTest extends EmulatorTest {

    @Test
    void pricesAreFoundByLookupKey() throws StripeException {
        StripeCollection<Price> found = stripe.v1().prices().list(PriceListParams.builder()
                .addLookupKey("users_monthly_eur").addLookupKey("sso_monthly_zar").setActive(true).build());

        assertThat(found.getData())
                .extracting(Price::getId, Price::getLookupKey, Price::getCurrency, Price::getUnitAmount, Price::getProduct)
                .containsExactlyInAnyOrder(
                        tuple("price_users_monthly_eur", "users_monthly_eur", "eur", 500L, "prod_users"),
                        tuple("price_sso_monthly_zar", "sso_monthly_zar", "zar", 5000L, "prod_sso"));
        assertThat(found.getData()).allSatisfy(price -> {
            assertThat(price.getActive()).isTrue();
            assertThat(price.getType()).isEqualTo("recurring");
            assertThat(price.getRecurring().getInterval()).isEqualTo("month");
            assertThat(price.getRecurring().getIntervalCount()).isEqualTo(1);
        });
    }

    @Test
    void listsFilterByCurrencyProductAndActive() throws StripeException {
        assertThat(lookupKeys(PriceListParams.builder().setCurrency("gbp").build()))
                .containsExactlyInAnyOrder("locations_monthly_gbp", "users_monthly_gbp", "sso_monthly_gbp");
        assertThat(lookupKeys(PriceListParams.builder().setProduct("prod_locations").setLimit(100L).build()))
                .containsExactlyInAnyOrder("locations_monthly_usd", "locations_monthly_zar", "locations_monthly_eur",
                        "locations_monthly_gbp", "locations_monthly_aud");
        assertThat(lookupKeys(PriceListParams.builder().setActive(false).build())).isEmpty();
        StripeCollection<Price> all = stripe.v1().prices().list(PriceListParams.builder().setLimit(100L).build());
        assertThat(all.getData()).hasSize(15);
        assertThat(stripe.v1().prices().list(PriceListParams.builder().build()).getHasMore()).isTrue();
    }

    @Test
    void productsAndPricesAreRetrievedByIdAndPricesExpandTheirProduct() throws StripeException {
        assertThat(stripe.v1().products().retrieve("prod_locations").getName()).isEqualTo("Locations");
        assertThat(stripe.v1().products().retrieve("prod_users").getName()).isEqualTo("Users");
        assertThat(stripe.v1().products().retrieve("prod_sso").getName()).isEqualTo("SSO");
        Price price = stripe.v1().prices().retrieve("price_locations_monthly_aud",
                PriceRetrieveParams.builder().addExpand("product").build());
        assertThat(price.getUnitAmount()).isEqualTo(1000);
        assertThat(price.getProductObject().getName()).isEqualTo("Locations");
        assertThatThrownBy(() -> stripe.v1().prices().retrieve("price_missing"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getMessage()).startsWith("No such price: 'price_missing'");
                });
    }

    @Test
    void aResetKeepsTheCatalog() throws StripeException {
        emulator.reset();

        assertThat(lookupKeys(PriceListParams.builder().addLookupKey("users_monthly_usd").build()))
                .containsExactly("users_monthly_usd");
    }

    private List<String> lookupKeys(PriceListParams params) throws StripeException {
        return stripe.v1().prices().list(params).getData().stream().map(Price::getLookupKey).toList();
    }
}
