package io.billingaccounts.server.web;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contract as the reference page offers it to try: the instance that serves the page first among the servers,
 * so that try-it-out calls it, then the contract's own. The one server is written into the contract's text and
 * nothing else is touched, so the page shows the contract as written. In the embedded mode that server also names
 * the path that issues development tokens ({@code x-development-tokens}), for the page to offer one.
 */
final class ContractForThisInstance {

    // The contract's top-level servers list; the lookahead takes the indentation of its items.
    private static final Pattern SERVERS = Pattern.compile("(?m)^servers:\\n(?=( *)- )");

    private final String beforeServers;
    private final String servers;
    private final String indent;

    ContractForThisInstance(String contract) {
        Matcher list = SERVERS.matcher(contract);
        if (!list.find()) {
            throw new IllegalStateException("The contract has no top-level servers list to put this instance in");
        }
        beforeServers = contract.substring(0, list.end());
        servers = contract.substring(list.end());
        indent = list.group(1);
    }

    String at(String baseUrl, Optional<String> developmentTokens) {
        StringBuilder instance = new StringBuilder()
                .append(indent).append("- url: ").append(quoted(baseUrl)).append('\n')
                .append(indent).append("  description: This instance\n");
        developmentTokens.ifPresent(path ->
                instance.append(indent).append("  x-development-tokens: ").append(quoted(path)).append('\n'));
        return beforeServers + instance + servers;
    }

    // The base URL comes from the request's Host header: quoted, it can only ever be a string.
    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
