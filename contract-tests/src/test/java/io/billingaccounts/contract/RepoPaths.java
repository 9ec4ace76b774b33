package io.billingaccounts.contract;

import java.nio.file.Path;

final class RepoPaths {

    private RepoPaths() {
    }

    static Path root() {
        return Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    }

    static Path spec() {
        return root().resolve("api/openapi.yaml");
    }
}
