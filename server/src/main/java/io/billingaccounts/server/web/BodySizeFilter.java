package io.billingaccounts.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import io.billingaccounts.server.problem.Problem;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over the limit with 413 before anything parses them, whether they declare their length or
 * stream it, and keeps the rest in memory so that later steps (idempotency) can read them again.
 */
@Component
@Order(FilterOrder.BODY_SIZE)
public class BodySizeFilter extends OncePerRequestFilter {

    /** The bodies that may carry an organization's picture: creates (top-level and children) and patches. */
    private static final Pattern PICTURE_BODIES = Pattern.compile("/workspaces/[^/]+/organizations(/[^/]+(/children)?)?");

    private final int maxBytes;
    private final int maxPictureBytes;
    private final ProblemWriter errors;

    public BodySizeFilter(@Value("${billing.max-body-bytes}") int maxBytes,
                          @Value("${billing.max-picture-body-bytes}") int maxPictureBytes, ProblemWriter errors) {
        this.maxBytes = maxBytes;
        this.maxPictureBytes = maxPictureBytes;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int maxBytes = PICTURE_BODIES.matcher(request.getRequestURI()).matches() ? maxPictureBytes : this.maxBytes;
        if (request.getContentLengthLong() > maxBytes) {
            tooLarge(response, maxBytes);
            return;
        }
        if (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxBytes + 1);
        }
        if (body.length > maxBytes) {
            tooLarge(response, maxBytes);
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private void tooLarge(HttpServletResponse response, int maxBytes) throws IOException {
        // The connection may still carry the unread rest of the body; closing it spares reading it.
        response.setHeader("Connection", "close");
        errors.write(response, new Problem(Problem.Kind.TOO_LARGE, "payload_too_large",
                "The request body must not exceed " + maxBytes + " bytes."));
    }
}
