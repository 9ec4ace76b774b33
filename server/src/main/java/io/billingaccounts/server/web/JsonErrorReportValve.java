package io.billingaccounts.server.web;

import java.io.IOException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat refuses some requests before any filter or controller runs (a NUL or an encoded slash in the path, say).
 * Its answer is then written by the {@link ProblemWriter} too, instead of as Tomcat's HTML page.
 */
final class JsonErrorReportValve extends ErrorReportValve {

    private final ProblemWriter writer;

    JsonErrorReportValve(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            writer.write(response.getResponse(), ContainerErrors.problemFor(status));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was committed: nothing more can be said.
        }
    }
}
