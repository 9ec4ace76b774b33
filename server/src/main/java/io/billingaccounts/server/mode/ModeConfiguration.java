package io.billingaccounts.server.mode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
public class ModeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ModeConfiguration.class);

    /**
     * Refuses settings that fail open before any bean is made: servlet filters, made with the web server, would
     * otherwise open the production database first.
     */
    @Bean
    static BeanFactoryPostProcessor refuseSettingsThatFailOpen(Environment env) {
        return beanFactory -> DeploymentMode.of(env);
    }

    @Bean
    DeploymentMode deploymentMode(Environment env) {
        DeploymentMode mode = DeploymentMode.of(env);
        log.info("Stripe: {}", mode == DeploymentMode.EMBEDDED ? "the embedded emulator" : "STRIPE_API_KEY's account");
        return mode;
    }
}
