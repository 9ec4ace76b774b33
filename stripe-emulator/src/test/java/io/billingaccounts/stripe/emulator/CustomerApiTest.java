package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.StripeCollection;
import com.stripe.model.StripeSearchResult;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.CustomerRetrieveParams;
import com.stripe.param.CustomerSearchParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.common.EmptyParam;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CustomerApiTest extends EmulatorTest {

    @Test
    void createsACustomerWithStripesIdsAndDefaults() throws StripeException {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder()
                .setName("Ann")
                .setEmail("ann@example.com")
                .putMetadata("workspace_id", "ws_1")
                .setAddress(CustomerCreateParams.Address.builder().setCity("Paris").setCountry("FR").build())
                .build());

        assertThat(customer.getId()).matches("cus_[0-9A-Za-z]{14}");
        assertThat(customer.getLastResponse().requestId()).matches("req_[0-9A-Za-z]{14}");
        assertThat(customer.getCreated()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(customer.getLivemode()).isFalse();
        assertThat(customer.getName()).isEqualTo("Ann");
        assertThat(customer.getEmail()).isEqualTo("ann@example.com");
        assertThat(customer.getMetadata()).containsExactly(Map.entry("workspace_id", "ws_1"));
        assertThat(customer.getAddress().getCity()).isEqualTo("Paris");
        assertThat(customer.getAddress().getLine1()).isNull();
        assertThat(customer.getCurrency()).isNull();
        assertThat(customer.getBalance()).isZero();
        assertThat(customer.getTaxExempt()).isEqualTo("none");
        assertThat(customer.getInvoicePrefix()).matches("[0-9A-F]{8}");
        assertThat(customer.getNextInvoiceSequence()).isEqualTo(1);
    }

    @Test
    void answersEveryFieldOfTheCustomerObjectThatStripeAnswersWithoutExpansion() {
        JsonNode customer = RawHttp.json(http.stripe("POST", "/v1/customers", "name=Ann"));

        assertThat(customer.propertyNames()).containsExactlyInAnyOrder("id", "object", "address", "balance",
                "business_name", "created", "currency", "default_source", "delinquent", "description", "discount",
                "email", "individual_name", "invoice_prefix", "invoice_settings", "livemode", "metadata", "name", "next_invoice_sequence",
                "phone", "preferred_locales", "shipping", "tax_exempt", "test_clock");
        assertThat(customer.get("invoice_settings").propertyNames())
                .containsExactlyInAnyOrder("custom_fields", "default_payment_method", "footer", "rendering_options");
    }

    @Test
    void retrievesWhatWasCreated() throws StripeException {
        Customer created = stripe.v1().customers().create(CustomerCreateParams.builder().setName("Ann").build());

        Customer retrieved = stripe.v1().customers().retrieve(created.getId());

        assertThat(retrieved.getId()).isEqualTo(created.getId());
        assertThat(retrieved.getName()).isEqualTo("Ann");
    }

    @Test
    void unknownIdIsA404ResourceMissing() {
        assertThatThrownBy(() -> stripe.v1().customers().retrieve("cus_doesnotexist00"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                    assertThat(e.getStripeError().getMessage()).isEqualTo("No such customer: 'cus_doesnotexist00'");
                });
    }

    @Test
    void updateChangesOnlyWhatIsSentAndEmptyClears() throws StripeException {
        Customer created = stripe.v1().customers().create(CustomerCreateParams.builder()
                .setName("Ann").setEmail("ann@example.com").setPhone("+331234").build());

        Customer updated = stripe.v1().customers().update(created.getId(), CustomerUpdateParams.builder()
                .setName("Anne")
                .setPhone(EmptyParam.EMPTY)
                .build());

        assertThat(updated.getName()).isEqualTo("Anne");
        assertThat(updated.getEmail()).isEqualTo("ann@example.com");
        assertThat(updated.getPhone()).isNull();
        assertThat(stripe.v1().customers().retrieve(created.getId()).getName()).isEqualTo("Anne");
    }

    @Test
    void metadataMergesAndAnEmptyValueRemovesAKey() throws StripeException {
        Customer created = stripe.v1().customers().create(CustomerCreateParams.builder()
                .putMetadata("workspace_id", "ws_1").putMetadata("plan", "free").build());

        Customer updated = stripe.v1().customers().update(created.getId(), CustomerUpdateParams.builder()
                .putMetadata("plan", "")
                .putMetadata("currency", "eur")
                .build());

        assertThat(updated.getMetadata()).containsOnly(Map.entry("workspace_id", "ws_1"), Map.entry("currency", "eur"));
    }

    @Test
    void addressIsReplacedWhole() throws StripeException {
        Customer created = stripe.v1().customers().create(CustomerCreateParams.builder()
                .setAddress(CustomerCreateParams.Address.builder().setLine1("1 Rue").setCity("Paris").build())
                .build());

        Customer updated = stripe.v1().customers().update(created.getId(), CustomerUpdateParams.builder()
                .setAddress(CustomerUpdateParams.Address.builder().setCity("Lyon").build())
                .build());

        assertThat(updated.getAddress().getCity()).isEqualTo("Lyon");
        assertThat(updated.getAddress().getLine1()).isNull();
        Customer cleared = stripe.v1().customers().update(created.getId(),
                CustomerUpdateParams.builder().setAddress(EmptyParam.EMPTY).build());
        assertThat(cleared.getAddress()).isNull();
    }

    @Test
    void deletedCustomerAnswersWithTheDeletedStub() throws StripeException {
        Customer created = stripe.v1().customers().create(CustomerCreateParams.builder().setName("Ann").build());

        Customer deleted = stripe.v1().customers().delete(created.getId());

        assertThat(deleted.getDeleted()).isTrue();
        assertThat(deleted.getId()).isEqualTo(created.getId());
        Customer retrieved = stripe.v1().customers().retrieve(created.getId());
        assertThat(retrieved.getDeleted()).isTrue();
        assertThat(retrieved.getName()).isNull();
        assertThat(RawHttp.json(http.stripe("GET", "/v1/customers/" + created.getId(), null)).propertyNames())
                .containsExactlyInAnyOrder("id", "object", "deleted");
        assertThatThrownBy(() -> stripe.v1().customers().delete(created.getId()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
        assertThatThrownBy(() -> stripe.v1().customers().update(created.getId(),
                CustomerUpdateParams.builder().setName("Bob").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }

    @Test
    void listsNewestFirstAndPagesWithCursors() throws StripeException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(0, stripe.v1().customers().create(CustomerCreateParams.builder().setName("c" + i).build()).getId());
        }
        String deleted = stripe.v1().customers().create(CustomerCreateParams.builder().build()).getId();
        stripe.v1().customers().delete(deleted);

        StripeCollection<Customer> first = stripe.v1().customers().list(CustomerListParams.builder().setLimit(2L).build());
        assertThat(first.getData()).extracting(Customer::getId).containsExactly(ids.get(0), ids.get(1));
        assertThat(first.getHasMore()).isTrue();
        assertThat(first.getUrl()).isEqualTo("/v1/customers");

        StripeCollection<Customer> second = stripe.v1().customers().list(CustomerListParams.builder()
                .setLimit(2L).setStartingAfter(ids.get(1)).build());
        assertThat(second.getData()).extracting(Customer::getId).containsExactly(ids.get(2), ids.get(3));
        assertThat(second.getHasMore()).isTrue();

        StripeCollection<Customer> last = stripe.v1().customers().list(CustomerListParams.builder()
                .setLimit(2L).setStartingAfter(ids.get(3)).build());
        assertThat(last.getData()).extracting(Customer::getId).containsExactly(ids.get(4));
        assertThat(last.getHasMore()).isFalse();

        StripeCollection<Customer> back = stripe.v1().customers().list(CustomerListParams.builder()
                .setLimit(2L).setEndingBefore(ids.get(4)).build());
        assertThat(back.getData()).extracting(Customer::getId).containsExactly(ids.get(2), ids.get(3));
        assertThat(back.getHasMore()).isTrue();

        List<String> all = new ArrayList<>();
        stripe.v1().customers().list(CustomerListParams.builder().setLimit(2L).build())
                .autoPagingIterable().forEach(customer -> all.add(customer.getId()));
        assertThat(all).isEqualTo(ids);
    }

    @Test
    void listFiltersByEmailAndRefusesABadLimit() throws StripeException {
        stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("a@example.com").build());
        String wanted = stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("b@example.com").build()).getId();

        assertThat(stripe.v1().customers().list(CustomerListParams.builder().setEmail("b@example.com").build()).getData())
                .extracting(Customer::getId).containsExactly(wanted);
        assertThatThrownBy(() -> stripe.v1().customers().list(CustomerListParams.builder().setLimit(101L).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("limit"));
        assertThatThrownBy(() -> stripe.v1().customers().list(CustomerListParams.builder().setStartingAfter("cus_gone").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                    assertThat(e.getParam()).isEqualTo("starting_after");
                });
    }

    @Test
    void searchesByMetadataAndCombinesClausesWithAnd() throws StripeException {
        String ws1 = create("ws_1", "eu");
        create("ws_2", "eu");
        create("ws_1", "us");
        String deleted = create("ws_1", "eu");
        stripe.v1().customers().delete(deleted);

        StripeSearchResult<Customer> result = stripe.v1().customers().search(CustomerSearchParams.builder()
                .setQuery("metadata['workspace_id']:'ws_1' AND metadata[\"region\"]:\"eu\"").build());

        assertThat(result.getData()).extracting(Customer::getId).containsExactly(ws1);
        assertThat(result.getHasMore()).isFalse();
        assertThat(result.getObject()).isEqualTo("search_result");
        assertThat(result.getUrl()).isEqualTo("/v1/customers/search");
    }

    @Test
    void searchPagesWithNextPage() throws StripeException {
        for (int i = 0; i < 3; i++) {
            create("ws_1", "eu");
        }
        CustomerSearchParams query = CustomerSearchParams.builder()
                .setQuery("metadata['workspace_id']:'ws_1'").setLimit(2L).build();

        StripeSearchResult<Customer> first = stripe.v1().customers().search(query);
        StripeSearchResult<Customer> second = stripe.v1().customers().search(CustomerSearchParams.builder()
                .setQuery("metadata['workspace_id']:'ws_1'").setLimit(2L).setPage(first.getNextPage()).build());

        assertThat(first.getData()).hasSize(2);
        assertThat(first.getHasMore()).isTrue();
        assertThat(second.getData()).hasSize(1);
        assertThat(second.getHasMore()).isFalse();
        assertThat(second.getNextPage()).isNull();
    }

    @Test
    void refusesAQueryItCannotRead() {
        assertThatThrownBy(() -> stripe.v1().customers().search(
                CustomerSearchParams.builder().setQuery("currency:'eur'").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getParam()).isEqualTo("query");
                });
    }

    @Test
    void expandsIncludableLists() throws StripeException {
        String id = stripe.v1().customers().create(CustomerCreateParams.builder().build()).getId();

        Customer expanded = stripe.v1().customers().retrieve(id,
                CustomerRetrieveParams.builder().addExpand("subscriptions").addExpand("tax_ids").build());

        assertThat(expanded.getSubscriptions().getData()).isEmpty();
        assertThat(expanded.getSubscriptions().getUrl()).isEqualTo("/v1/customers/" + id + "/subscriptions");
        assertThat(expanded.getTaxIds().getData()).isEmpty();
        assertThatThrownBy(() -> stripe.v1().customers().retrieve(id,
                CustomerRetrieveParams.builder().addExpand("name").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getStripeError().getMessage()).isEqualTo("This property cannot be expanded (name)."));
    }

    private String create(String workspace, String region) throws StripeException {
        return stripe.v1().customers().create(CustomerCreateParams.builder()
                .putMetadata("workspace_id", workspace).putMetadata("region", region).build()).getId();
    }
}
