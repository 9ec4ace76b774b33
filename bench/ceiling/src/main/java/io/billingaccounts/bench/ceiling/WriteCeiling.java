package io.billingaccounts.bench.ceiling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import com.stripe.StripeClient;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Address;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The essential I/O of a billing account's write, and nothing more. An update: one row updated and committed (the
 * service's table, in an H2 file database with the service's settings, through a Hikari pool), one stripe-java call
 * (customers update) to the Stripe emulator, the account answered from Stripe's customer. A create: one stripe-java
 * call (customers create, with the caller's Idempotency-Key), one row inserted and committed. The emulator's signed
 * webhook of each change comes back to {@link #webhook}: signature checked and payload parsed by stripe-java's
 * {@code Webhook.constructEvent}, then acknowledged. No turn on the account, no idempotency record, no mirror of
 * Stripe's answer: what the service adds to this is what the benchmark's ratios over it measure.
 * <p>
 * Stripe is the emulator at {@code ceiling.stripe-base} ({@code ceiling.stripe-key}), the webhooks' secret
 * {@code ceiling.webhook-secret}, the database under {@code ceiling.data-dir} (a fresh temporary directory if unset).
 * The database is opened at the first write, so that the ceiling's start-up stays the framework's.
 */
@Component
class WriteCeiling {

    private final String dataDir;
    private final String webhookSecret;
    private final StripeClient stripe;
    private volatile HikariDataSource db;

    WriteCeiling(@Value("${ceiling.data-dir:}") String dataDir,
                 @Value("${ceiling.stripe-base:http://127.0.0.1:12111}") String stripeBase,
                 @Value("${ceiling.stripe-key:sk_test_bench}") String stripeKey,
                 @Value("${ceiling.webhook-secret:whsec_bench}") String webhookSecret) {
        this.dataDir = dataDir;
        this.webhookSecret = webhookSecret;
        // As the service's client: its transport, its timeouts, stripe-java's own retries off.
        this.stripe = StripeClient.builder().setApiKey(stripeKey).setApiBase(stripeBase).setConnectTimeout(5_000)
                .setReadTimeout(10_000).setMaxNetworkRetries(0).setHttpClient(new StripeTransport()).build();
    }

    /** 404 when no account has that id in that workspace; the ETag is the row's version. */
    ResponseEntity<CeilingApplication.BillingAccount> update(String workspaceId, String id, Map<String, Object> patch)
            throws SQLException, StripeException {
        String name = (String) patch.get("name");
        String email = (String) patch.get("email");
        long version;
        try (Connection c = db().getConnection(); PreparedStatement update = c.prepareStatement("""
                select version from final table (update billing_account
                set name = coalesce(?, name), email = coalesce(?, email), version = version + 1, updated_at = ?
                where id = ? and workspace_id = ?)""")) {
            update.setString(1, name);
            update.setString(2, email);
            update.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            update.setString(4, id);
            update.setString(5, workspaceId);
            try (ResultSet rs = update.executeQuery()) {
                if (!rs.next()) {
                    return ResponseEntity.notFound().build();
                }
                version = rs.getLong(1);
            }
        }
        CustomerUpdateParams.Builder params = CustomerUpdateParams.builder();
        if (name != null) {
            params.setName(name);
        }
        if (email != null) {
            params.setEmail(email);
        }
        Customer customer = stripe.v1().customers().update(id, params.build());
        return ResponseEntity.ok().eTag("\"" + version + "\"").body(account(workspaceId, customer));
    }

    ResponseEntity<CeilingApplication.BillingAccount> create(String workspaceId, Map<String, Object> body, String idempotencyKey)
            throws SQLException, StripeException {
        @SuppressWarnings("unchecked")
        Map<String, Object> address = (Map<String, Object>) body.getOrDefault("address", Map.of());
        CustomerCreateParams params = CustomerCreateParams.builder()
                .setName((String) body.get("name"))
                .setEmail((String) body.get("email"))
                .setAddress(CustomerCreateParams.Address.builder()
                        .setCountry((String) address.get("country"))
                        .setLine1((String) address.get("line1"))
                        .setCity((String) address.get("city"))
                        .build())
                .putMetadata("workspace_id", workspaceId)
                .build();
        RequestOptions options = idempotencyKey == null ? RequestOptions.getDefault()
                : RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
        Customer customer = stripe.v1().customers().create(params, options);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = db().getConnection(); PreparedStatement insert = c.prepareStatement("""
                insert into billing_account (id, workspace_id, name, email, currency, address_country,
                    address_line1, address_city, version, created_at, updated_at)
                values (?, ?, ?, ?, 'usd', ?, ?, ?, 1, ?, ?)""")) {
            insert.setString(1, customer.getId());
            insert.setString(2, workspaceId);
            insert.setString(3, customer.getName());
            insert.setString(4, customer.getEmail());
            insert.setString(5, (String) address.get("country"));
            insert.setString(6, (String) address.get("line1"));
            insert.setString(7, (String) address.get("city"));
            insert.setObject(8, now);
            insert.setObject(9, now);
            insert.executeUpdate();
        }
        return ResponseEntity.status(HttpStatus.CREATED).eTag("\"1\"").body(account(workspaceId, customer));
    }

    /** Verified and parsed by stripe-java, then acknowledged; 400 for a signature that does not hold. */
    ResponseEntity<Void> webhook(String payload, String signature) {
        try {
            Event event = Webhook.constructEvent(payload, signature, webhookSecret);
            return event.getType() == null ? ResponseEntity.badRequest().build() : ResponseEntity.ok().build();
        } catch (SignatureVerificationException e) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).build();
        }
    }

    private static CeilingApplication.BillingAccount account(String workspaceId, Customer customer) {
        Address a = customer.getAddress();
        String created = Instant.ofEpochSecond(customer.getCreated()).toString();
        return new CeilingApplication.BillingAccount(customer.getId(), workspaceId, customer.getName(),
                customer.getEmail(), customer.getPhone(), customer.getDescription(), "usd",
                a == null ? null : new CeilingApplication.Address(a.getCountry(), a.getLine1(), a.getLine2(),
                        a.getCity(), a.getState(), a.getPostalCode()),
                created, Instant.now().toString());
    }

    private HikariDataSource db() throws SQLException {
        HikariDataSource open = db;
        if (open == null) {
            synchronized (this) {
                open = db;
                if (open == null) {
                    db = open = opened();
                }
            }
        }
        return open;
    }

    /** The service's table (migration V1, without the workspace it references) in a file of its settings. */
    private HikariDataSource opened() throws SQLException {
        String dir = dataDir;
        if (dir == null || dir.isBlank()) {
            try {
                dir = Files.createTempDirectory("ceiling-").toString();
            } catch (java.io.IOException e) {
                throw new SQLException("no data directory for the write ceiling", e);
            }
        }
        HikariDataSource open = new HikariDataSource();
        open.setJdbcUrl("jdbc:h2:file:" + Path.of(dir, "db", "ceiling")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0;OPTIMIZE_REUSE_RESULTS=FALSE;CACHE_SIZE=4096;QUERY_CACHE_SIZE=32");
        open.setUsername("sa");
        open.setPassword("");
        try (Connection c = open.getConnection(); Statement ddl = c.createStatement()) {
            ddl.execute("""
                    create table if not exists billing_account (
                        id                  varchar(70)  primary key,
                        workspace_id        varchar(70)  not null,
                        name                varchar(100) not null,
                        email               varchar(150) not null,
                        phone               varchar(50),
                        description         varchar(200),
                        currency            varchar(3)   not null,
                        address_country     varchar(2),
                        address_line1       varchar(200),
                        address_line2       varchar(200),
                        address_city        varchar(100),
                        address_state       varchar(100),
                        address_postal_code varchar(20),
                        version             bigint       not null,
                        created_at          timestamp(6) with time zone not null,
                        updated_at          timestamp(6) with time zone not null
                    )""");
            ddl.execute("create index if not exists billing_account_by_workspace on billing_account (workspace_id, created_at)");
        } catch (SQLException e) {
            open.close();
            throw e;
        }
        return open;
    }
}
