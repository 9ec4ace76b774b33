package io.billingaccounts.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import io.billingaccounts.client.api.BillingAccountsApi;
import io.billingaccounts.client.api.MembersApi;
import io.billingaccounts.client.api.PaymentMethodsApi;
import io.billingaccounts.client.api.SubscriptionsApi;
import io.billingaccounts.client.api.WorkspacesApi;
import io.billingaccounts.client.invoker.ApiClient;

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
 * }</pre>
 *
 * A declined first charge of a subscription surfaces as a {@link PaymentRequiredException}; every other refusal as
 * a {@link BillingAccountsException} whose {@link BillingAccountsException#code() code} is one of
 * {@link ErrorCodes}.
 */
public final class BillingAccountsClient {

    private final ApiClient apiClient;

    private BillingAccountsClient(ApiClient apiClient) {
        this.apiClient = apiClient;
    }

    public static Builder builder(String baseUrl, Supplier<String> bearerToken) {
        return new Builder(baseUrl, bearerToken);
    }

    public BillingAccountsApi billingAccounts() {
        return new BillingAccountsApi(apiClient);
    }

    public WorkspacesApi workspaces() {
        return new WorkspacesApi(apiClient);
    }

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
