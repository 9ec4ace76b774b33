package io.billingaccounts.server.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class TomcatConfiguration {

    /**
     * Every connection Tomcat serves keeps a socket buffer this size each way. The API's requests and most answers
     * take a few KB, a longer one more reads or writes; with hundreds of callers at once (each waiting on Stripe)
     * Tomcat's default 8 KB held MBs of the 128 MB heap, which the collector then had to work around
     * (bench/RESULTS.md). Request headers keep their own limit, {@code server.max-http-request-header-size}.
     */
    private static final String SOCKET_BUFFER_BYTES = "2048";

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSocketBuffers() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", SOCKET_BUFFER_BYTES);
            connector.setProperty("socket.appWriteBufSize", SOCKET_BUFFER_BYTES);
        });
    }

    /**
     * The host's error report valve is ours, an instance holding the one writer; naming its class tells the host
     * not to add its own HTML one beside it.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorPages(ProblemWriter writer) {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.getPipeline().addValve(new JsonErrorReportValve(writer));
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
    }
}
