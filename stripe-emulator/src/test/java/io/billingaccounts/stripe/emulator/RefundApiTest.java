package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Invoice;
import com.stripe.model.InvoicePayment;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.Subscription;
import com.stripe.net.RequestOptions;
import com.stripe.param.InvoicePaymentListParams;
import com.stripe.param.InvoiceRetrieveParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionRetrieveParams;
import io.billingaccounts.stripe.emulator.events.EmulatorEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Giving back what a subscription's invoices charged, as the billing-accounts server does when it cancels one: the
 * paid invoice's payment names its payment intent, which is refunded.
 */
class RefundApiTest extends EmulatorTest {

    private final List<EmulatorEvent> events = new CopyOnWriteArrayList<>();
    private String customer;
    private String paymentMethod;

    @BeforeEach
    void customerWithAVisa() throws StripeException {
        customer = newCustomer();
        paymentMethod = PaymentMethods.attachAsDefault(stripe, customer, "pm_card_visa");
        emulator.addEventListener(events::add);
    }

    @Test
    void aPaidInvoicesPaymentIntentIsRefundedInFullOnceAndAReplayGivesTheSameRefund() throws StripeException {
        Subscription subscription = subscribe(5);
        Invoice invoice = stripe.v1().invoices().retrieve(subscription.getLatestInvoice());
        assertThat(invoice.getStatus()).isEqualTo("paid");
        String intent = paymentIntentOf(invoice.getId());
        events.clear();

        RefundCreateParams refundAll = RefundCreateParams.builder().setPaymentIntent(intent).build();
        Refund refund = stripe.v1().refunds().create(refundAll, key("refund-1"));

        assertThat(refund.getId()).startsWith("re_");
        assertThat(refund.getStatus()).isEqualTo("succeeded");
        assertThat(refund.getAmount()).isEqualTo(5_000);
        assertThat(refund.getCurrency()).isEqualTo("usd");
        assertThat(refund.getPaymentIntent()).isEqualTo(intent);
        assertThat(events).extracting(EmulatorEvent::type).containsExactly("refund.created");
        assertThatThrownBy(() -> stripe.v1().refunds().create(refundAll))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getStripeError().getType()).isEqualTo("invalid_request_error");
                    assertThat(e.getCode()).isEqualTo("charge_already_refunded");
                    assertThat(e.getStripeError().getMessage()).endsWith("has already been refunded.");
                });
        Refund replayed = stripe.v1().refunds().create(refundAll, key("refund-1"));
        assertThat(replayed.getId()).isEqualTo(refund.getId());
        assertThat(replayed.getLastResponse().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(stripe.v1().refunds().list(RefundListParams.builder().setPaymentIntent(intent).build()).getData())
                .extracting(Refund::getId).containsExactly(refund.getId());
        assertThat(stripe.v1().invoices().retrieve(invoice.getId()).getStatus()).as("as on Stripe").isEqualTo("paid");
    }

    @Test
    void thePaymentIntentIsWhatTheInvoiceCharged() throws StripeException {
        Subscription subscription = subscribe(2);

        Invoice invoice = stripe.v1().invoices().retrieve(subscription.getLatestInvoice(),
                InvoiceRetrieveParams.builder().addExpand("payments").build());

        InvoicePayment payment = invoice.getPayments().getData().get(0);
        assertThat(payment.getId()).startsWith("inpay_");
        assertThat(payment.getStatus()).isEqualTo("paid");
        assertThat(payment.getAmountPaid()).isEqualTo(2_000);
        assertThat(payment.getIsDefault()).isTrue();
        assertThat(payment.getPayment().getType()).isEqualTo("payment_intent");
        PaymentIntent intent = stripe.v1().paymentIntents().retrieve(payment.getPayment().getPaymentIntent());
        assertThat(intent.getStatus()).isEqualTo("succeeded");
        assertThat(intent.getAmount()).isEqualTo(2_000);
        assertThat(intent.getAmountReceived()).isEqualTo(2_000);
        assertThat(intent.getCurrency()).isEqualTo("usd");
        assertThat(intent.getCustomer()).isEqualTo(customer);
        assertThat(intent.getPaymentMethod()).isEqualTo(paymentMethod);
        assertThat(intent.getDescription()).isEqualTo("Subscription creation");
        assertThat(stripe.v1().invoices().retrieve(invoice.getId()).getPayments()).as("includable: only when expanded")
                .isNull();
    }

    @Test
    void theSubscriptionReachesThePaymentIntentInOneRequest() throws StripeException {
        Subscription subscription = subscribe(1);

        Subscription expanded = stripe.v1().subscriptions().retrieve(subscription.getId(), SubscriptionRetrieveParams
                .builder().addExpand("latest_invoice.payments.data.payment.payment_intent").build());

        PaymentIntent intent = expanded.getLatestInvoiceObject().getPayments().getData().get(0).getPayment()
                .getPaymentIntentObject();
        assertThat(intent.getId()).isEqualTo(paymentIntentOf(subscription.getLatestInvoice()));
        assertThat(intent.getAmountReceived()).isEqualTo(1_000);
    }

    @Test
    void aRefundTakesWhatIsLeftUnlessToldAnAmountAndNeverMore() throws StripeException {
        String intent = paymentIntentOf(subscribe(3).getLatestInvoice());
        Refund part = stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intent)
                .setAmount(1_000L).setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER)
                .putMetadata("billing_account_id", "ba_1").build());

        assertThatThrownBy(() -> stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intent)
                .setAmount(2_001L).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStripeError().getParam()).isEqualTo("amount");
                    assertThat(e.getStripeError().getMessage())
                            .isEqualTo("Refund amount ($20.01) is greater than unrefunded amount on charge ($20.00)");
                });
        Refund rest = stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intent).build());

        assertThat(part.getAmount()).isEqualTo(1_000);
        assertThat(part.getReason()).isEqualTo("requested_by_customer");
        assertThat(part.getMetadata()).containsEntry("billing_account_id", "ba_1");
        assertThat(rest.getAmount()).isEqualTo(2_000);
        assertThat(rest.getReason()).isNull();
        assertThat(stripe.v1().refunds().retrieve(part.getId()).getAmount()).isEqualTo(1_000);
        assertThat(stripe.v1().refunds().list(RefundListParams.builder().setPaymentIntent(intent).build()).getData())
                .extracting(Refund::getId).containsExactly(rest.getId(), part.getId());
        assertThat(stripe.v1().paymentIntents().retrieve(intent).getAmountReceived()).as("unchanged, as on Stripe")
                .isEqualTo(3_000);
    }

    @Test
    void eachRenewalIsAPaymentIntentOfItsOwn() throws StripeException {
        Subscription subscription = subscribe(1);
        String first = paymentIntentOf(subscription.getLatestInvoice());

        emulator.clock().advance(Duration.ofDays(32));

        String renewal = stripe.v1().subscriptions().retrieve(subscription.getId()).getLatestInvoice();
        assertThat(renewal).isNotEqualTo(subscription.getLatestInvoice());
        String second = paymentIntentOf(renewal);
        assertThat(second).isNotEqualTo(first);
        assertThat(stripe.v1().paymentIntents().retrieve(second).getDescription()).isEqualTo("Subscription update");
        assertThat(stripe.v1().invoicePayments().list(InvoicePaymentListParams.builder()
                .setPayment(InvoicePaymentListParams.Payment.builder().setType(InvoicePaymentListParams.Payment.Type.PAYMENT_INTENT)
                        .setPaymentIntent(first).build()).build()).getData())
                .extracting(InvoicePayment::getInvoice).containsExactly(subscription.getLatestInvoice());
    }

    @Test
    void aRefundNamesAPaymentIntentTheAccountHas() {
        assertThatThrownBy(() -> stripe.v1().refunds().create(RefundCreateParams.builder()
                .setPaymentIntent("pi_missing").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                    assertThat(e.getStripeError().getParam()).isEqualTo("payment_intent");
                    assertThat(e.getStripeError().getMessage()).isEqualTo("No such payment_intent: 'pi_missing'");
                });
        assertThatThrownBy(() -> stripe.v1().refunds().create(RefundCreateParams.builder().setCharge("ch_1").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getStripeError().getMessage()).isEqualTo("No such charge: 'ch_1'"));
        assertThatThrownBy(() -> stripe.v1().refunds().create(RefundCreateParams.builder().setAmount(100L).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
        assertThatThrownBy(() -> stripe.v1().refunds().retrieve("re_missing"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
        assertThat(events).isEmpty();
    }

    @Test
    void aDeclinedChargeMakesNoPaymentIntentAndResetForgetsThem() throws StripeException {
        String declined = PaymentMethods.attach(stripe, customer, "pm_card_chargeCustomerFail").getId();
        Subscription failed = stripe.v1().subscriptions().create(SubscriptionCreateParams.builder().setCustomer(customer)
                .setDefaultPaymentMethod(declined)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_locations_monthly_usd").build()).build());
        assertThat(stripe.v1().invoicePayments().list(InvoicePaymentListParams.builder()
                .setInvoice(failed.getLatestInvoice()).build()).getData()).isEmpty();
        String intent = paymentIntentOf(subscribe(1).getLatestInvoice());
        String refund = stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intent).build()).getId();

        emulator.reset();

        assertThatThrownBy(() -> stripe.v1().paymentIntents().retrieve(intent)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> stripe.v1().refunds().retrieve(refund)).isInstanceOf(InvalidRequestException.class);
        assertThat(stripe.v1().invoicePayments().list().getData()).isEmpty();
    }

    private Subscription subscribe(long locations) throws StripeException {
        return stripe.v1().subscriptions().create(SubscriptionCreateParams.builder().setCustomer(customer)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_locations_monthly_usd")
                        .setQuantity(locations).build())
                .setPaymentBehavior(SubscriptionCreateParams.PaymentBehavior.ERROR_IF_INCOMPLETE).build());
    }

    /** How the billing-accounts server finds it: the invoice's payments, listed. */
    private String paymentIntentOf(String invoice) throws StripeException {
        List<InvoicePayment> payments = stripe.v1().invoicePayments().list(InvoicePaymentListParams.builder()
                .setInvoice(invoice).build()).getData();
        assertThat(payments).singleElement().extracting(InvoicePayment::getStatus).isEqualTo("paid");
        return payments.get(0).getPayment().getPaymentIntent();
    }

    private static RequestOptions key(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }
}
