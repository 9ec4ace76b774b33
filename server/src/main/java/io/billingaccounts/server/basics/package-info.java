/**
 * What every package of the service may use and none of them owns: the instant rows are stamped with
 * ({@link io.billingaccounts.server.basics.Timestamps}), the ids the service makes
 * ({@link io.billingaccounts.server.basics.RandomIds}), the digests it keys by
 * ({@link io.billingaccounts.server.basics.Sha256}) and the pauses between tries of whatever waits
 * ({@link io.billingaccounts.server.basics.Backoff}). It depends on no other package of the service, so using it
 * draws no arrow between them.
 */
package io.billingaccounts.server.basics;
