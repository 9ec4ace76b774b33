package io.billingaccounts.server.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat refuses some requests before any filter or controller runs (a NUL or an encoded slash in the path, say).
 * Its answer is then rendered here, in the API's Error schema, instead of as Tomcat's HTML page.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        boolean fault = status >= 500;
        String body = "{\"type\": \"" + (fault ? "api_error" : "invalid_request_error") + "\", \"code\": \""
                + (fault ? "internal_error" : "invalid_request") + "\", \"message\": \""
                + (fault ? "Something went wrong on our side." : "The request could not be read.")
                + "\", \"doc_url\": \"https://docs.altostrat.io/errors/" + (fault ? "internal_error" : "invalid_request")
                + "\"}";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getReporter().write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was committed: nothing more can be said.
        }
    }
}
