package io.billingaccounts.server.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class TomcatConfiguration {

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
