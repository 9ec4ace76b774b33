package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.billingaccounts.client.api.BillingAccountsApi;
import io.billingaccounts.client.api.MembersApi;
import io.billingaccounts.client.api.WorkspacesApi;
import io.billingaccounts.client.invoker.ApiClient;
import io.billingaccounts.client.invoker.ApiResponse;
import io.billingaccounts.client.model.AddressCreate;
import io.billingaccounts.client.model.AddressPatch;
import io.billingaccounts.client.model.BillingAccountCreate;
import io.billingaccounts.client.model.BillingAccountPatch;
import io.billingaccounts.client.model.BillingMode;
import io.billingaccounts.client.model.Currency;
import io.billingaccounts.client.model.MemberCreate;
import io.billingaccounts.client.model.Role;
import io.billingaccounts.client.model.WorkspaceCreate;

/**
 * The consumer's side: the generated client against Prism mocking the same spec. Every operation answers its
 * documented example, and Prism finds nothing wrong with the client's requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrismMockTest {

    private static final String WS = "ws_a1b2c3d4e5f6g7h8";
    private static final String CUS = "cus_a1b2c3d4e5f6g7h8";

    private PrismMock prism;
    private ApiClient client;

    @BeforeAll
    void start() throws Exception {
        prism = PrismMock.start();
        client = new ApiClient();
        client.updateBaseUri(prism.baseUrl());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer mock-token"));
    }

    @AfterAll
    void stop() throws Exception {
        prism.close();
    }

    @Test
    void billingAccountOperationsAnswerTheirExamples() throws Exception {
        BillingAccountsApi accounts = new BillingAccountsApi(client);
        BillingAccountCreate create = new BillingAccountCreate().name("ACME Corp Billing").email("billing@acme.com")
                .phone("+15551234567").description("For US-based operations").currency(Currency.USD)
                .address(new AddressCreate().country("US").line1("123 Main Street").line2("Suite 456")
                        .city("San Francisco").state("CA").postalCode("94105"));
        assertExample(accounts.createBillingAccountWithHttpInfo(WS, create, "9b1f0c8e-2a7d"), 201, "BillingAccount");
        assertExample(accounts.getBillingAccountWithHttpInfo(WS, CUS), 200, "BillingAccount");
        assertExample(accounts.listBillingAccountsWithHttpInfo(WS), 200, "BillingAccountList");
        BillingAccountPatch patch = new BillingAccountPatch().name("ACME Corp (International)").phone(null)
                .address(new AddressPatch().city("Cape Town").state(null));
        assertExample(accounts.updateBillingAccountWithHttpInfo(WS, CUS, patch, "\"3\""), 200, "BillingAccount");
        assertNoViolation(accounts.deleteBillingAccountWithHttpInfo(WS, CUS, null), 204);
    }

    @Test
    void workspaceAndMemberOperationsAnswerTheirExamples() throws Exception {
        WorkspacesApi workspaces = new WorkspacesApi(client);
        assertExample(workspaces.createWorkspaceWithHttpInfo(new WorkspaceCreate().name("ACME Corp")
                .description("Workspace of ACME's platform team.").billingMode(BillingMode.POOLED), null),
                201, "Workspace");
        assertExample(workspaces.getWorkspaceWithHttpInfo(WS), 200, "Workspace");
        MembersApi members = new MembersApi(client);
        assertExample(members.listMembersWithHttpInfo(WS), 200, "MemberList");
        assertExample(members.addMemberWithHttpInfo(WS, new MemberCreate().userId("usr_b0b5e6f7a8b9c0d1")
                .role(Role.ADMIN), "key-2"), 201, "Member");
        assertNoViolation(members.removeMemberWithHttpInfo(WS, "usr_b0b5e6f7a8b9c0d1"), 204);
    }

    private void assertExample(ApiResponse<?> response, int status, String schema) {
        assertNoViolation(response, status);
        assertThat(SpecExamples.toJson(response.getData(), client.getObjectMapper()))
                .isEqualTo(SpecExamples.schemaExample(schema));
    }

    private static void assertNoViolation(ApiResponse<?> response, int status) {
        Map<String, List<String>> headers = response.getHeaders();
        assertThat(headers.keySet()).as("Prism's violations header").doesNotContain("sl-violations");
        assertThat(response.getStatusCode()).isEqualTo(status);
    }
}
