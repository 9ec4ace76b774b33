package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.ParamNode;

/**
 * What an operation gets of a validated request.
 *
 * @param id the object id from the URL path, or null on collection paths
 * @param params the decoded, already validated parameters
 * @param now the account's time as the request runs, in epoch seconds: every stamp the request makes (a
 *     {@code created}, a period, an event) reads this one moment
 */
public record ResourceRequest(String id, ParamNode.Branch params, long now) {
}
