package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.billingaccounts.client.BillingAccountsClient;
import io.billingaccounts.client.BillingAccountsException;
import io.billingaccounts.client.Download;
import io.billingaccounts.client.ErrorCodes;
import io.billingaccounts.client.invoker.ApiResponse;
import io.billingaccounts.client.model.AddressCreate;
import io.billingaccounts.client.model.AddressPatch;
import io.billingaccounts.client.model.BillingAccount;
import io.billingaccounts.client.model.BillingAccountCreate;
import io.billingaccounts.client.model.BillingAccountPatch;
import io.billingaccounts.client.model.BillingMode;
import io.billingaccounts.client.model.Currency;
import io.billingaccounts.client.model.Invoice;
import io.billingaccounts.client.model.InvoiceLine;
import io.billingaccounts.client.model.InvoicePreviewItem;
import io.billingaccounts.client.model.InvoicePreviewRequest;
import io.billingaccounts.client.model.LimitContext;
import io.billingaccounts.client.model.MemberCreate;
import io.billingaccounts.client.model.Organization;
import io.billingaccounts.client.model.OrganizationCreate;
import io.billingaccounts.client.model.OrganizationLimitReport;
import io.billingaccounts.client.model.OrganizationLimitsPatch;
import io.billingaccounts.client.model.Product;
import io.billingaccounts.client.model.ProductLimit;
import io.billingaccounts.client.model.ProductQuantities;
import io.billingaccounts.client.model.ProductUsage;
import io.billingaccounts.client.model.Role;
import io.billingaccounts.client.model.Subscription;
import io.billingaccounts.client.model.SubscriptionCreate;
import io.billingaccounts.client.model.SubscriptionPatch;
import io.billingaccounts.client.model.Workspace;
import io.billingaccounts.client.model.WorkspaceCreate;

/** The generated Java client, through its entry point, driving every operation of the packaged server. */
class ClientAgainstServerTest extends AgainstServerWithEmulator {

    @Override
    boolean sharesServer() {
        return true;
    }

    private BillingAccountsClient alice;
    private BillingAccountsClient bob;

    @BeforeAll
    void signIn() {
        alice = client(service.api().token("usr_alice"));
        bob = client(service.api().token("usr_bob"));
    }

    @Test
    void drivesEveryOperation() throws Exception {
        Workspace ws = alice.workspaces().createWorkspace(new WorkspaceCreate().name("Client")
                .billingMode(BillingMode.POOLED), "ws-client-1");
        assertThat(alice.workspaces().getWorkspace(ws.getId()).getBillingMode()).isEqualTo(BillingMode.POOLED);
        alice.members().addMember(ws.getId(), new MemberCreate().userId("usr_bob").role(Role.VIEWER), null);
        assertThat(alice.members().listMembers(ws.getId()).getData()).hasSize(2);

        BillingAccount created = alice.billingAccounts().createBillingAccount(ws.getId(), newAccount(), "acc-1");
        assertThat(alice.billingAccounts().createBillingAccount(ws.getId(), newAccount(), "acc-1").getId())
                .isEqualTo(created.getId());
        assertThat(alice.billingAccounts().listBillingAccounts(ws.getId()).getData()).hasSize(1);

        ApiResponse<BillingAccount> read = alice.billingAccounts().getBillingAccountWithHttpInfo(ws.getId(),
                created.getId());
        String etag = read.getHeaders().get("etag").get(0);
        BillingAccount patched = alice.billingAccounts().updateBillingAccount(ws.getId(), created.getId(),
                new BillingAccountPatch().phone(null).address(new AddressPatch().city("Durban")), etag);
        assertThat(patched.getPhone()).isNull();
        assertThat(patched.getName()).isEqualTo("Client Co");
        assertThat(patched.getAddress().getCity()).isEqualTo("Durban");
        assertThat(patched.getAddress().getLine1()).isEqualTo("1 Long Street");

        BillingAccountsException stale = catchApi(() -> alice.billingAccounts().updateBillingAccount(ws.getId(),
                created.getId(), new BillingAccountPatch().name("Stale"), etag));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("etag_mismatch");

        BillingAccountsException forbidden = catchApi(() -> bob.billingAccounts().deleteBillingAccount(ws.getId(),
                created.getId(), null));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.requestId()).startsWith("req_");

        alice.billingAccounts().deleteBillingAccount(ws.getId(), created.getId(), null);
        assertThat(catchApi(() -> alice.billingAccounts().getBillingAccount(ws.getId(), created.getId())).code())
                .isEqualTo("resource_not_found");
        alice.members().removeMember(ws.getId(), "usr_bob");
        assertThat(catchApi(() -> bob.workspaces().getWorkspace(ws.getId())).status()).isEqualTo(404);
    }

    @Test
    void validationErrorsArriveTypedWithTheirFields() throws Exception {
        Workspace ws = alice.workspaces().createWorkspace(new WorkspaceCreate().name("V")
                .billingMode(BillingMode.SINGLE), null);
        BillingAccountsException invalid = catchApi(() -> alice.billingAccounts().createBillingAccount(ws.getId(),
                newAccount().email("nobody@localhost").address(new AddressCreate().country("QQ").line1("x")
                        .city("y")), null));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.code()).isEqualTo("validation_failed");
        assertThat(invalid.fieldErrors()).extracting(f -> f.getField())
                .containsExactlyInAnyOrder("email", "address.country");
    }

    @Test
    void retriesWhatIsSafeToRetryWhenStripeHiccups() throws Exception {
        Workspace ws = alice.workspaces().createWorkspace(new WorkspaceCreate().name("R")
                .billingMode(BillingMode.POOLED), null);
        BillingAccount account = alice.billingAccounts().createBillingAccount(ws.getId(), newAccount(), null);
        // The server's own Stripe retries absorb two failures; the third makes it answer 502 once.
        stripe.fault("POST /v1/customers/*", "http_500", 3);
        BillingAccount renamed = alice.billingAccounts().updateBillingAccount(ws.getId(), account.getId(),
                new BillingAccountPatch().name("Renamed"), null);
        assertThat(renamed.getName()).isEqualTo("Renamed");
        // Three failed tries; then the client's retry first brings Stripe back to the database (the 500s may have
        // been applied), and makes its own change.
        assertThat(stripe.calls("POST", "/v1/customers/" + account.getId())).isEqualTo(5);

        stripe.fault("POST /v1/customers", "http_500", 3);
        BillingAccountsClient noRetries = BillingAccountsClient.builder(service.server().baseUrl(),
                () -> service.api().token("usr_alice")).maxAttempts(1).build();
        assertThat(catchApi(() -> noRetries.billingAccounts().createBillingAccount(ws.getId(), newAccount(), null))
                .status()).isEqualTo(502);
        stripe.clearFaults();
    }

    @Test
    void drivesAnOrganizationTreeWithinItsLimits() throws Exception {
        Workspace ws = alice.workspaces().createWorkspace(new WorkspaceCreate().name("Orgs")
                .billingMode(BillingMode.POOLED), null);
        BillingAccount account = alice.billingAccounts().createBillingAccount(ws.getId(), newAccount(), null);
        // The workspace's first subscription is a trial: the pool gets its capacity without a card.
        alice.subscriptions().createSubscription(ws.getId(), account.getId(), new SubscriptionCreate()
                .productQuantities(new ProductQuantities().locations(5).users(25)), null);
        assertThat(alice.workspaces().getWorkspace(ws.getId()).getPooledSeatLimit()).isEqualTo(25);

        Organization west = alice.organizations().createOrganization(ws.getId(), new OrganizationCreate()
                .name("West").limits(new OrganizationLimitsPatch().users(10)), null);
        Organization retail = alice.organizations().createChildOrganization(ws.getId(), west.getId(),
                new OrganizationCreate().name("West Retail"), null);
        assertThat(retail.getParentOrgId()).isEqualTo(west.getId());
        assertThat(retail.getPath()).isEqualTo(west.getId());
        assertThat(retail.getDepth()).isEqualTo(1);
        assertThat(retail.getBillingAccountId()).as("pooled mode").isNull();

        Organization reported = alice.organizations().reportOrganizationUsage(ws.getId(), retail.getId(),
                new ProductUsage().locations(2).users(6).sso(0));
        assertThat(reported.getUsage().getUsage().getUsers()).isEqualTo(6);
        assertThat(alice.organizations().getOrganization(ws.getId(), west.getId()).getUsage().getSubtreeUsage()
                .getUsers()).isEqualTo(6);

        OrganizationLimitReport limits = alice.organizations().getOrganizationLimits(ws.getId(), retail.getId());
        assertThat(limits.getLimits()).extracting(ProductLimit::getType)
                .containsExactly(Product.LOCATIONS, Product.USERS, Product.SSO);
        ProductLimit users = limits.getLimits().get(1);
        assertThat(users.getDirect()).isEqualTo(6);
        assertThat(users.getTotal()).isEqualTo(10);
        assertThat(users.getFree()).isEqualTo(4);
        assertThat(users.getContext()).isEqualTo(new LimitContext().type(LimitContext.TypeEnum.PARENT).name("West"));

        BillingAccountsException exceeded = catchApi(() -> alice.organizations().reportOrganizationUsage(ws.getId(),
                retail.getId(), new ProductUsage().locations(2).users(11).sso(0)));
        assertThat(exceeded.status()).isEqualTo(409);
        assertThat(exceeded.code()).isEqualTo(ErrorCodes.ORGANIZATION_LIMIT_EXCEEDED);
        assertThat(exceeded.error().getMessage()).contains("users");

        byte[] pdf = alice.organizationUsagePdf(ws.getId());
        assertThat(pdf).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void previewsInvoicesAndReadsADecreasePendingUntilThePeriodsEnd() throws Exception {
        Workspace ws = alice.workspaces().createWorkspace(new WorkspaceCreate().name("Preview")
                .billingMode(BillingMode.POOLED), null);
        BillingAccount account = alice.billingAccounts().createBillingAccount(ws.getId(), newAccount(), null);
        Invoice first = alice.invoices().previewInvoice(ws.getId(), account.getId(), new InvoicePreviewRequest()
                .addItemsItem(new InvoicePreviewItem().productType(Product.LOCATIONS).quantity(2L))
                .addItemsItem(new InvoicePreviewItem().productType(Product.USERS).quantity(10L)
                        .interval(InvoicePreviewItem.IntervalEnum.MONTH)), null);
        assertThat(first.getId()).startsWith("upcoming_in_");
        assertThat(first.getStatus()).isEqualTo(Invoice.StatusEnum.DRAFT);
        assertThat(first.getNumber()).isNull();
        assertThat(first.getHostedInvoiceUrl()).isNull();
        assertThat(first.getCurrency()).isEqualTo(Currency.ZAR);
        assertThat(first.getLines()).extracting(InvoiceLine::getProductName, InvoiceLine::getQuantity)
                .containsExactlyInAnyOrder(tuple("locations", 2), tuple("users", 10));
        assertThat(first.getTotal()).isEqualTo(2 * 1000 + 10 * 500);
        assertThat(alice.subscriptions().listSubscriptions(ws.getId(), account.getId()).getData())
                .as("what a preview made").isEmpty();

        // The workspace's first subscription is a trial; its users go down to 4 at the period's end.
        Subscription trial = alice.subscriptions().createSubscription(ws.getId(), account.getId(),
                new SubscriptionCreate().productQuantities(new ProductQuantities().locations(2).users(10)), null);
        Subscription lowered = alice.subscriptions().updateSubscription(ws.getId(), account.getId(), trial.getId(),
                new SubscriptionPatch().productQuantities(new ProductQuantities().locations(2).users(4)));
        assertThat(lowered.getProductQuantities().get("users").getQuantity()).isEqualTo(10);
        assertThat(lowered.getPendingProductQuantities()).containsOnlyKeys("locations", "users");
        assertThat(lowered.getPendingProductQuantities().get("users").getQuantity()).isEqualTo(4);
        assertThat(lowered.getPendingProductQuantities().get("users").getPriceId())
                .isEqualTo(lowered.getProductQuantities().get("users").getPriceId());
        assertThat(lowered.getPendingEffectiveAt()).isEqualTo(lowered.getCurrentPeriodEnd());
        assertThat(alice.subscriptions().getSubscription(ws.getId(), account.getId(), trial.getId())
                .getPendingProductQuantities().get("users").getQuantity()).isEqualTo(4);

        Invoice renewal = alice.invoices().previewInvoice(ws.getId(), account.getId(), new InvoicePreviewRequest()
                .subscriptionId(trial.getId())
                .addItemsItem(new InvoicePreviewItem().productType(Product.LOCATIONS).quantity(2L))
                .addItemsItem(new InvoicePreviewItem().productType(Product.USERS).quantity(4L)), null);
        assertThat(renewal.getLines()).extracting(InvoiceLine::getAmount).allMatch(amount -> amount >= 0);
        assertThat(renewal.getTotal()).as("the renewal at the lower quantities").isEqualTo(2 * 1000 + 4 * 500);
        Invoice last = alice.invoices().previewInvoice(ws.getId(), account.getId(), new InvoicePreviewRequest()
                .subscriptionId(trial.getId()).cancelSubscription(true), null);
        assertThat(last.getLines()).isEmpty();
        assertThat(last.getTotal()).isZero();

        BillingAccountsException invalid = catchApi(() -> alice.invoices().previewInvoice(ws.getId(),
                account.getId(), new InvoicePreviewRequest().cancelSubscription(true), null));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.fieldErrors()).extracting(f -> f.getField()).containsExactly("cancel_subscription");
        assertThat(alice.subscriptions().getSubscription(ws.getId(), account.getId(), trial.getId())
                .getCancelAtPeriodEnd()).as("after previewing its cancellation").isFalse();
    }

    @Test
    void readsAnUploadedPictureAsBytes() throws Exception {
        Workspace ws = alice.workspaces().createWorkspace(new WorkspaceCreate().name("Pictures")
                .billingMode(BillingMode.POOLED), null);
        // The service checks an image by its first bytes only: the PNG signature and anything after it.
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0};
        Organization withPicture = alice.organizations().createOrganization(ws.getId(), new OrganizationCreate()
                .name("Pictured").picture("data:image/png;base64," + Base64.getEncoder().encodeToString(png)), null);
        assertThat(withPicture.getPicture()).endsWith("/organizations/" + withPicture.getId() + "/picture");

        Download picture = alice.organizationPicture(ws.getId(), withPicture.getId());
        assertThat(picture.bytes()).isEqualTo(png);
        assertThat(picture.contentType()).isEqualTo("image/png");

        Organization without = alice.organizations().createOrganization(ws.getId(), new OrganizationCreate()
                .name("Plain"), null);
        assertThat(catchApi(() -> alice.organizationPicture(ws.getId(), without.getId())).code())
                .isEqualTo(ErrorCodes.RESOURCE_NOT_FOUND);
    }

    private BillingAccountsClient client(String token) {
        return BillingAccountsClient.builder(service.server().baseUrl(), () -> token)
                .maxRetryDelay(Duration.ofMillis(100)).build();
    }

    private static BillingAccountCreate newAccount() {
        return new BillingAccountCreate().name("Client Co").email("billing@example.com").phone("+27215550100")
                .currency(Currency.ZAR).address(new AddressCreate().country("ZA").line1("1 Long Street")
                        .city("Cape Town").postalCode("8001"));
    }

    interface ApiCall {
        void run() throws Exception;
    }

    private static BillingAccountsException catchApi(ApiCall call) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> {
            try {
                call.run();
            } catch (Throwable t) {
                thrown[0] = t;
                throw t;
            }
        }).isInstanceOf(BillingAccountsException.class);
        return (BillingAccountsException) thrown[0];
    }
}
