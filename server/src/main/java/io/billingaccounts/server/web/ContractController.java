package io.billingaccounts.server.web;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The service's own contract, byte for byte the api/openapi.yaml it was built from, and its reference page. */
@Controller
public class ContractController {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final byte[] contract;

    public ContractController() throws IOException {
        try (InputStream in = new ClassPathResource("openapi.yaml").getInputStream()) {
            contract = in.readAllBytes();
        }
    }

    @GetMapping("/openapi.yaml")
    ResponseEntity<byte[]> contract() {
        return ResponseEntity.ok().contentType(YAML).body(contract);
    }

    @GetMapping({"/docs", "/docs/"})
    String docs() {
        return "forward:/docs/index.html";
    }
}
