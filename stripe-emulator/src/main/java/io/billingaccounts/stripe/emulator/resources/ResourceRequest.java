package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.ParamNode;

/**
 * What an operation gets of a validated request.
 *
 * @param id the object id from the URL path, or null on collection paths
 * @param params the decoded, already validated parameters
 */
public record ResourceRequest(String id, ParamNode.Branch params) {
}
