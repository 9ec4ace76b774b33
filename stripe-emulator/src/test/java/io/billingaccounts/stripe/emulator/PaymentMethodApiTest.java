package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.PaymentMethod;
import com.stripe.model.SetupIntent;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerPaymentMethodListParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.PaymentMethodListParams;
import com.stripe.param.SetupIntentConfirmParams;
import com.stripe.param.SetupIntentCreateParams;
import io.billingaccounts.stripe.emulator.events.EmulatorEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Setup intents confirmed with Stripe's test cards make payment methods, which customers keep until detached. */
class PaymentMethodApiTest extends EmulatorTest {

    private final List<EmulatorEvent> events = new CopyOnWriteArrayList<>();

    @Test
    void confirmingASetupIntentAttachesANewCardToTheCustomer() throws StripeException {
        emulator.addEventListener(events::add);
        String customer = customer();
        SetupIntent intent = stripe.v1().setupIntents().create(SetupIntentCreateParams.builder()
                .setCustomer(customer).setUsage(SetupIntentCreateParams.Usage.OFF_SESSION)
                .addPaymentMethodType("card").putMetadata("billing_account_id", "ba_1").build());

        assertThat(intent.getClientSecret()).matches(intent.getId() + "_secret_[0-9A-Za-z]+");
        assertThat(intent.getId()).startsWith("seti_");
        assertThat(intent.getStatus()).isEqualTo("requires_payment_method");
        assertThat(intent.getUsage()).isEqualTo("off_session");
        assertThat(intent.getMetadata()).containsEntry("billing_account_id", "ba_1");

        SetupIntent confirmed = stripe.v1().setupIntents().confirm(intent.getId(),
                SetupIntentConfirmParams.builder().setPaymentMethod("pm_card_visa").build());

        assertThat(confirmed.getStatus()).isEqualTo("succeeded");
        assertThat(confirmed.getPaymentMethod()).matches("pm_[0-9A-Za-z]{24}");
        assertThat(stripe.v1().setupIntents().retrieve(intent.getId()).getStatus()).isEqualTo("succeeded");
        PaymentMethod card = stripe.v1().paymentMethods().retrieve(confirmed.getPaymentMethod());
        assertThat(card.getCustomer()).isEqualTo(customer);
        assertThat(card.getType()).isEqualTo("card");
        assertThat(card.getBillingDetails().getName()).isNull();
        assertThat(card.getCard().getBrand()).isEqualTo("visa");
        assertThat(card.getCard().getLast4()).isEqualTo("4242");
        assertThat(card.getCard().getExpMonth()).isBetween(1L, 12L);
        assertThat(card.getCard().getExpYear()).isGreaterThan(2026L);
        assertThat(events).extracting(EmulatorEvent::type).containsExactly("customer.created", "setup_intent.created",
                "payment_method.attached", "setup_intent.succeeded");
    }

    @Test
    void eachTestCardMakesItsOwnCardEveryTime() throws StripeException {
        String customer = customer();

        PaymentMethod visa = attach(customer, "pm_card_visa");
        PaymentMethod otherVisa = attach(customer, "pm_card_visa");
        PaymentMethod mastercard = attach(customer, "pm_card_mastercard");
        PaymentMethod failing = attach(customer, "pm_card_chargeCustomerFail");

        assertThat(otherVisa.getId()).isNotEqualTo(visa.getId());
        assertThat(List.of(visa, mastercard, failing))
                .extracting(method -> method.getCard().getBrand(), method -> method.getCard().getLast4())
                .containsExactly(tuple("visa", "4242"), tuple("mastercard", "4444"), tuple("visa", "0341"));
    }

    @Test
    void aSetupIntentIsConfirmedOnceAndWithAPaymentMethodTheAccountKnows() throws StripeException {
        String customer = customer();
        String intent = stripe.v1().setupIntents().create(
                SetupIntentCreateParams.builder().setCustomer(customer).build()).getId();

        assertThatThrownBy(() -> stripe.v1().setupIntents().confirm(intent,
                SetupIntentConfirmParams.builder().setPaymentMethod("pm_card_unknown").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("payment_method"));
        stripe.v1().setupIntents().confirm(intent, SetupIntentConfirmParams.builder().setPaymentMethod("pm_card_visa").build());
        assertThatThrownBy(() -> stripe.v1().setupIntents().confirm(intent,
                SetupIntentConfirmParams.builder().setPaymentMethod("pm_card_visa").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("setup_intent_unexpected_state"));
        assertThat(cards(customer)).hasSize(1);
    }

    @Test
    void listsHoldTheCustomersOwnCards() throws StripeException {
        String ann = customer();
        String bob = customer();
        String annsFirst = attach(ann, "pm_card_visa").getId();
        String annsSecond = attach(ann, "pm_card_mastercard").getId();
        String bobs = attach(bob, "pm_card_visa").getId();

        assertThat(cards(ann)).containsExactly(annsSecond, annsFirst);
        assertThat(stripe.v1().customers().paymentMethods().list(bob, CustomerPaymentMethodListParams.builder()
                .setType(CustomerPaymentMethodListParams.Type.CARD).build()).getData())
                .extracting(PaymentMethod::getId).containsExactly(bobs);
        assertThat(stripe.v1().paymentMethods().list(PaymentMethodListParams.builder().setCustomer(ann)
                .setType(PaymentMethodListParams.Type.SEPA_DEBIT).build()).getData()).isEmpty();
        assertThatThrownBy(() -> stripe.v1().customers().paymentMethods().list("cus_missing"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }

    @Test
    void theDefaultPaymentMethodIsOneOfTheCustomersOwnAndDetachingItClearsIt() throws StripeException {
        String ann = customer();
        String card = attach(ann, "pm_card_visa").getId();
        String bobsCard = attach(customer(), "pm_card_visa").getId();
        assertThatThrownBy(() -> setDefault(ann, bobsCard))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("invoice_settings[default_payment_method]"));

        assertThat(setDefault(ann, card).getInvoiceSettings().getDefaultPaymentMethod()).isEqualTo(card);
        emulator.addEventListener(events::add);
        PaymentMethod detached = stripe.v1().paymentMethods().detach(card);

        assertThat(detached.getCustomer()).isNull();
        assertThat(stripe.v1().customers().retrieve(ann).getInvoiceSettings().getDefaultPaymentMethod()).isNull();
        assertThat(cards(ann)).isEmpty();
        assertThat(events).extracting(EmulatorEvent::type).containsExactly("payment_method.detached", "customer.updated");
        assertThat(events.get(0).previousAttributes().get("customer").asString()).isEqualTo(ann);
        assertThatThrownBy(() -> stripe.v1().paymentMethods().detach(card))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
    }

    private Customer setDefault(String customer, String paymentMethod) throws StripeException {
        return stripe.v1().customers().update(customer, CustomerUpdateParams.builder()
                .setInvoiceSettings(CustomerUpdateParams.InvoiceSettings.builder()
                        .setDefaultPaymentMethod(paymentMethod).build())
                .build());
    }

    private String customer() throws StripeException {
        return stripe.v1().customers().create(CustomerCreateParams.builder().build()).getId();
    }

    private PaymentMethod attach(String customer, String testCard) throws StripeException {
        return PaymentMethods.attach(stripe, customer, testCard);
    }

    private List<String> cards(String customer) throws StripeException {
        return stripe.v1().paymentMethods().list(PaymentMethodListParams.builder().setCustomer(customer)
                .setType(PaymentMethodListParams.Type.CARD).build()).getData().stream().map(PaymentMethod::getId).toList();
    }
}
