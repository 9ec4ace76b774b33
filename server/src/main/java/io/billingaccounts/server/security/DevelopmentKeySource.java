package io.billingaccounts.server.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The development tokens' signing key, kept in the data directory so that tokens survive restarts. A first start
 * generates it on a background thread, since an RSA key takes a good part of a second to make: start-up goes on,
 * and the first token issued or checked waits for the key instead.
 */
final class DevelopmentKeySource implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(DevelopmentKeySource.class);

    private final CompletableFuture<JWKSet> keys;

    private DevelopmentKeySource(CompletableFuture<JWKSet> keys) {
        this.keys = keys;
    }

    static DevelopmentKeySource inDirectory(Path dataDir) throws IOException, ParseException {
        Path file = dataDir.resolve("dev-token-key.json");
        if (Files.exists(file)) {
            return new DevelopmentKeySource(CompletableFuture.completedFuture(
                    new JWKSet(RSAKey.parse(Files.readString(file)))));
        }
        Files.createDirectories(dataDir);
        return new DevelopmentKeySource(CompletableFuture.supplyAsync(() -> new JWKSet(create(file))));
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        try {
            return selector.select(keys.join());
        } catch (CompletionException e) {
            throw new KeySourceException("the development signing key could not be made", e.getCause());
        }
    }

    private static RSAKey create(Path file) {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            Path partial = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(partial, key.toJSONString());
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            log.info("Made the development tokens' signing key in {}", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the development signing key in " + file, e);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the development signing key", e);
        }
    }
}
