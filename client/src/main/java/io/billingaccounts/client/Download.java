package io.billingaccounts.client;

/**
 * An answer that is a file, read into memory: its bytes and its {@code Content-Type} (such as {@code image/png}),
 * null when the service sent none.
 */
public record Download(byte[] bytes, String contentType) {
}
