/**
 * What every package of the service may use and none of them owns: the instant rows are stamped with
 * ({@link io.billingaccounts.server.basics.Timestamps}), the ids the service makes
 * ({@link io.billingaccounts.server.basics.RandomIds}) and the digests it keys by
 * ({@link io.billingaccounts.server.basics.Sha256}). It depends on no other package of the service, so using it
 * draws no arrow between them.
 */
package io.billingaccounts.server.basics;
