package io.billingaccounts.stripe.emulator.params;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.net.ApiRequestParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.CustomerListPaymentMethodsParams;
import com.stripe.param.CustomerPaymentMethodListParams;
import com.stripe.param.CustomerRetrieveParams;
import com.stripe.param.CustomerSearchParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.EventRetrieveParams;
import com.stripe.param.InvoiceCreatePreviewParams;
import com.stripe.param.InvoiceLineItemListParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.InvoicePaymentListParams;
import com.stripe.param.InvoicePaymentRetrieveParams;
import com.stripe.param.InvoiceRetrieveParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.PaymentMethodDetachParams;
import com.stripe.param.PaymentMethodListParams;
import com.stripe.param.PaymentMethodRetrieveParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.PriceRetrieveParams;
import com.stripe.param.PriceUpdateParams;
import com.stripe.param.ProductRetrieveParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import com.stripe.param.RefundRetrieveParams;
import com.stripe.param.SetupIntentConfirmParams;
import com.stripe.param.SetupIntentCreateParams;
import com.stripe.param.SetupIntentRetrieveParams;
import com.stripe.param.SubscriptionCancelParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.SubscriptionResumeParams;
import com.stripe.param.SubscriptionRetrieveParams;
import com.stripe.param.SubscriptionScheduleCancelParams;
import com.stripe.param.SubscriptionScheduleCreateParams;
import com.stripe.param.SubscriptionScheduleListParams;
import com.stripe.param.SubscriptionScheduleReleaseParams;
import com.stripe.param.SubscriptionScheduleRetrieveParams;
import com.stripe.param.SubscriptionScheduleUpdateParams;
import com.stripe.param.SubscriptionSearchParams;
import com.stripe.param.SubscriptionUpdateParams;
import io.billingaccounts.stripe.emulator.support.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * stripe-params.json accepts exactly the parameters stripe-java sends to each endpoint the emulator serves: no
 * parameter Stripe does not know, every parameter it does, at every depth, with stripe-java's types and enums. On
 * drift (a new stripe-java) the rules derived from it are written to target/stripe-params.derived.json, to compare
 * with (and, once reviewed, copy over) the resource.
 */
class StripeParamsFidelityTest {

    /** stripe-java has no parameter class for deleting a customer: it sends none. */
    private static final Map<String, Class<? extends ApiRequestParams>> SENT_BY = new HashMap<>(Map.of(
            "GET /v1/customers", CustomerListParams.class,
            "POST /v1/customers", CustomerCreateParams.class,
            "GET /v1/customers/search", CustomerSearchParams.class,
            "GET /v1/customers/{customer}", CustomerRetrieveParams.class,
            "POST /v1/customers/{customer}", CustomerUpdateParams.class,
            "GET /v1/events/{id}", EventRetrieveParams.class,
            "GET /v1/subscriptions", SubscriptionListParams.class,
            "POST /v1/subscriptions", SubscriptionCreateParams.class,
            "GET /v1/subscriptions/{subscription_exposed_id}", SubscriptionRetrieveParams.class,
            "DELETE /v1/subscriptions/{subscription_exposed_id}", SubscriptionCancelParams.class));

    static {
        SENT_BY.put("POST /v1/subscriptions/{subscription_exposed_id}", SubscriptionUpdateParams.class);
        SENT_BY.put("GET /v1/subscriptions/search", SubscriptionSearchParams.class);
        SENT_BY.put("POST /v1/subscriptions/{subscription}/resume", SubscriptionResumeParams.class);
        SENT_BY.put("GET /v1/prices", PriceListParams.class);
        SENT_BY.put("GET /v1/prices/{price}", PriceRetrieveParams.class);
        SENT_BY.put("POST /v1/prices", PriceCreateParams.class);
        SENT_BY.put("POST /v1/prices/{price}", PriceUpdateParams.class);
        SENT_BY.put("GET /v1/products/{id}", ProductRetrieveParams.class);
        SENT_BY.put("POST /v1/setup_intents", SetupIntentCreateParams.class);
        SENT_BY.put("GET /v1/setup_intents/{intent}", SetupIntentRetrieveParams.class);
        SENT_BY.put("POST /v1/setup_intents/{intent}/confirm", SetupIntentConfirmParams.class);
        SENT_BY.put("GET /v1/payment_methods", PaymentMethodListParams.class);
        SENT_BY.put("GET /v1/payment_methods/{payment_method}", PaymentMethodRetrieveParams.class);
        SENT_BY.put("POST /v1/payment_methods/{payment_method}/detach", PaymentMethodDetachParams.class);
        SENT_BY.put("GET /v1/customers/{customer}/payment_methods", CustomerListPaymentMethodsParams.class);
        SENT_BY.put("GET /v1/invoices", InvoiceListParams.class);
        SENT_BY.put("GET /v1/invoices/{invoice}", InvoiceRetrieveParams.class);
        SENT_BY.put("GET /v1/invoices/{invoice}/lines", InvoiceLineItemListParams.class);
        SENT_BY.put("POST /v1/invoices/create_preview", InvoiceCreatePreviewParams.class);
        SENT_BY.put("GET /v1/subscription_schedules", SubscriptionScheduleListParams.class);
        SENT_BY.put("POST /v1/subscription_schedules", SubscriptionScheduleCreateParams.class);
        SENT_BY.put("GET /v1/subscription_schedules/{schedule}", SubscriptionScheduleRetrieveParams.class);
        SENT_BY.put("POST /v1/subscription_schedules/{schedule}", SubscriptionScheduleUpdateParams.class);
        SENT_BY.put("POST /v1/subscription_schedules/{schedule}/cancel", SubscriptionScheduleCancelParams.class);
        SENT_BY.put("POST /v1/subscription_schedules/{schedule}/release", SubscriptionScheduleReleaseParams.class);
        SENT_BY.put("GET /v1/invoice_payments", InvoicePaymentListParams.class);
        SENT_BY.put("GET /v1/invoice_payments/{invoice_payment}", InvoicePaymentRetrieveParams.class);
        SENT_BY.put("GET /v1/payment_intents/{intent}", PaymentIntentRetrieveParams.class);
        SENT_BY.put("POST /v1/refunds", RefundCreateParams.class);
        SENT_BY.put("GET /v1/refunds", RefundListParams.class);
        SENT_BY.put("GET /v1/refunds/{refund}", RefundRetrieveParams.class);
        SENT_BY.put("GET /v1/events", EventListParams.class);
        SENT_BY.put("DELETE /v1/customers/{customer}", null);
    }

    @Test
    void theCatalogAcceptsExactlyWhatStripeJavaSends() throws IOException {
        JsonNode shipped = shippedCatalog();
        ObjectNode derived = Json.object();
        SENT_BY.forEach((operation, params) -> derived.set(operation,
                ConstraintsCarriedOver.from(shipped.path(operation), StripeJavaParams.endpoint(params))));

        if (!derived.equals(shipped)) {
            Path written = Path.of("target/stripe-params.derived.json");
            Files.write(written, Json.prettyBytes(derived));
            assertThat(shipped).as("stripe-params.json has drifted from stripe-java; see " + written.toAbsolutePath())
                    .isEqualTo(derived);
        }
    }

    /** StripeClient's service lists a customer's payment methods with a class of its own, which must send the same. */
    @Test
    void bothClassesThatListACustomersPaymentMethodsSendTheSame() {
        assertThat(StripeJavaParams.endpoint(CustomerPaymentMethodListParams.class))
                .isEqualTo(StripeJavaParams.endpoint(CustomerListPaymentMethodsParams.class));
    }

    @Test
    void theComparisonSeesAParameterStripeDoesNotKnowAndOneLeftOut() throws IOException {
        ObjectNode endpoint = (ObjectNode) shippedCatalog().get("POST /v1/customers").deepCopy();
        ObjectNode stripeJava = ConstraintsCarriedOver.from(endpoint, StripeJavaParams.endpoint(CustomerCreateParams.class));
        assertThat(endpoint).isEqualTo(stripeJava);

        ObjectNode unknown = endpoint.deepCopy();
        ((ObjectNode) unknown.at("/params/address/properties")).putObject("planet").put("type", "string");
        ObjectNode leftOut = endpoint.deepCopy();
        ((ObjectNode) leftOut.at("/params/address/properties")).remove("line2");

        assertThat(unknown).isNotEqualTo(stripeJava);
        assertThat(leftOut).isNotEqualTo(stripeJava);
    }

    private static JsonNode shippedCatalog() throws IOException {
        try (InputStream in = ParamCatalog.class.getResourceAsStream(ParamCatalog.RESOURCE)) {
            return Json.parse(in.readAllBytes());
        }
    }
}
