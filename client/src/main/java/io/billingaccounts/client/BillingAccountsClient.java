package io.billingaccounts.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.billingaccounts.client.api.BillingAccountsApi;
import io.billingaccounts.client.api.InvoicesApi;
import io.billingaccounts.client.api.MembersApi;
import io.billingaccounts.client.api.OrganizationsApi;
import io.billingaccounts.client.api.PaymentMethodsApi;
import io.billingaccounts.client.api.SubscriptionsApi;
import io.billingaccounts.client.api.WorkspacesApi;
import io.billingaccounts.client.invoker.ApiClient;
import io.billingaccounts.client.invoker.ApiException;
import io.billingaccounts.client.model.Invoice;

/**
 * The entry point: a base URL and a token supplier in, the generated API classes out, with what generation
 * cannot give added: a bearer token on every call, failures as one typed {@link BillingAccountsException}, and
 * bounded retries of the calls that are safe to repeat when the service answers 502 or 503.
 *
 * <pre>{@code
 * BillingAccountsClient client = BillingAccountsClient.builder("http://localhost:8080", () -> token).build();
 * BillingAccount account = client.billingAccounts().getBillingAccount(workspaceId, accountId);
 * Subscription subscription = client.subscriptions().createSubscription(workspaceId, accountId,
 *         new SubscriptionCreate().productQuantities(new ProductQuantities().users(25)), idempotencyKey);
 * for (Invoice invoice : client.allInvoices(workspaceId, accountId)) {
 *     // every invoice of the account, newest first, read a page at a time
 * }
 * }</pre>
 *
 * A declined first charge of a subscription surfaces as a {@link PaymentRequiredException}; every other refusal as
 * a {@link BillingAccountsException} whose {@link BillingAccountsException#code() code} is one of
 * {@link ErrorCodes}.
 */
public final class BillingAccountsClient {

    private final ApiClient apiClient;
    private final Downloads downloads;

    private BillingAccountsClient(ApiClient apiClient) {
        this.apiClient = apiClient;
        this.downloads = new Downloads(apiClient);
    }

    public static Builder builder(String baseUrl, Supplier<String> bearerToken) {
        return new Builder(baseUrl, bearerToken);
    }

    public BillingAccountsApi billingAccounts() {
        return new BillingAccountsApi(apiClient);
    }

    /** Workspaces: create, list (the caller's, archived ones too), retrieve, update, archive. */
    public WorkspacesApi workspaces() {
        return new WorkspacesApi(apiClient);
    }

    /** The members of a workspace: list, add, change a role, remove. */
    public MembersApi members() {
        return new MembersApi(apiClient);
    }

    /** The cards of a billing account: setup intents to add one, the list, the default, detaching. */
    public PaymentMethodsApi paymentMethods() {
        return new PaymentMethodsApi(apiClient);
    }

    /** The subscriptions of a billing account and its trial eligibility. */
    public SubscriptionsApi subscriptions() {
        return new SubscriptionsApi(apiClient);
    }

    /** The invoices of a billing account, one page at a time ({@code listInvoices} with its cursors). */
    public InvoicesApi invoices() {
        return new InvoicesApi(apiClient);
    }

    /**
     * The organizations of a workspace: their tree, limits and usage reports. Their usage PDF and an uploaded
     * picture are read as bytes with {@link #organizationUsagePdf} and {@link #organizationPicture}.
     */
    public OrganizationsApi organizations() {
        return new OrganizationsApi(apiClient);
    }

    /**
     * The usage report of every organization of the workspace, the bytes of a PDF ({@code exportOrganizationUsage},
     * whose generated method answers a temporary file instead).
     */
    public byte[] organizationUsagePdf(String workspaceId) throws ApiException {
        Objects.requireNonNull(workspaceId, "workspaceId");
        return downloads.get("/workspaces/" + ApiClient.urlEncode(workspaceId) + "/organizations/usage.pdf",
                "application/pdf").bytes();
    }

    /**
     * The picture uploaded for an organization as a data URI, with the image type its bytes show
     * ({@code getOrganizationPicture}, whose generated method answers a temporary file instead). An organization
     * whose picture is an https URL, or that has none, answers 404.
     */
    public Download organizationPicture(String workspaceId, String organizationId) throws ApiException {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(organizationId, "organizationId");
        return downloads.get("/workspaces/" + ApiClient.urlEncode(workspaceId) + "/organizations/"
                + ApiClient.urlEncode(organizationId) + "/picture", "image/png, image/jpeg, image/gif");
    }

    /**
     * Every invoice of the billing account, newest first. Each iteration reads the pages lazily, 200 invoices a
     * page, following {@code next_cursor} until the oldest invoice; the service answers them without a Stripe
     * call. A refusal (such as 404 for an account the caller cannot see) surfaces as a
     * {@link BillingAccountsException} from {@code hasNext()}.
     */
    public Iterable<Invoice> allInvoices(String workspaceId, String billingAccountId) {
        return allInvoices(workspaceId, billingAccountId, InvoicePages.MAX_PAGE_SIZE);
    }

    /** As {@link #allInvoices(String, String)}, with {@code pageSize} (1 to 200) invoices a page. */
    public Iterable<Invoice> allInvoices(String workspaceId, String billingAccountId, int pageSize) {
        return new InvoicePages(invoices(), workspaceId, billingAccountId, pageSize);
    }

    /** {@link #allInvoices(String, String)} as a sequential stream, newest first, read lazily a page at a time. */
    public Stream<Invoice> invoiceStream(String workspaceId, String billingAccountId) {
        return StreamSupport.stream(allInvoices(workspaceId, billingAccountId).spliterator(), false);
    }

    /** The generated client underneath, for settings this class does not cover. */
    public ApiClient apiClient() {
        return apiClient;
    }

    public static final class Builder {

        private final String baseUrl;
        private final Supplier<String> bearerToken;
        private int maxAttempts = 3;
        private Duration maxRetryDelay = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(30);

        private Builder(String baseUrl, Supplier<String> bearerToken) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            this.bearerToken = Objects.requireNonNull(bearerToken, "bearerToken");
        }

        /** How many times a retryable call is sent at most, the first included; 1 turns retries off. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The longest wait between attempts, whatever Retry-After asks for. */
        public Builder maxRetryDelay(Duration maxRetryDelay) {
            this.maxRetryDelay = Objects.requireNonNull(maxRetryDelay);
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout);
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = Objects.requireNonNull(readTimeout);
            return this;
        }

        public BillingAccountsClient build() {
            HttpClient http = new RetryingHttpClient(
                    HttpClient.newBuilder().connectTimeout(connectTimeout).build(), maxAttempts, maxRetryDelay);
            ApiClient apiClient = new ApiClient() {
                // The generated API classes take their HTTP client from here, once each.
                @Override
                public HttpClient getHttpClient() {
                    return http;
                }
            };
            apiClient.updateBaseUri(baseUrl);
            apiClient.setReadTimeout(readTimeout);
            apiClient.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + bearerToken.get()));
            apiClient.setResponseInterceptor(new ErrorResponses(apiClient.getObjectMapper()));
            return new BillingAccountsClient(apiClient);
        }
    }
}
