package io.billingaccounts.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The service's own contract, byte for byte the api/openapi.yaml it was built from, and its reference page with
 * the contract that page offers to try: this instance first among the servers.
 */
@Controller
public class ContractController {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final byte[] contract;
    private final ContractForThisInstance forThisInstance;
    private final Optional<String> developmentTokens;

    public ContractController(ObjectProvider<TokenIssuerForDocs> developmentTokens) throws IOException {
        try (InputStream in = new ClassPathResource("openapi.yaml").getInputStream()) {
            contract = in.readAllBytes();
        }
        forThisInstance = new ContractForThisInstance(new String(contract, StandardCharsets.UTF_8));
        this.developmentTokens = Optional.ofNullable(developmentTokens.getIfAvailable()).map(TokenIssuerForDocs::path);
    }

    @GetMapping("/openapi.yaml")
    ResponseEntity<byte[]> contract() {
        return ResponseEntity.ok().contentType(YAML).body(contract);
    }

    @GetMapping("/docs/openapi.yaml")
    ResponseEntity<byte[]> contractForThisInstance(HttpServletRequest request) {
        String baseUrl = ServletUriComponentsBuilder.fromContextPath(request).toUriString();
        return ResponseEntity.ok().contentType(YAML)
                .body(forThisInstance.at(baseUrl, developmentTokens).getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping({"/docs", "/docs/"})
    String docs() {
        return "forward:/docs/index.html";
    }
}
