package io.billingaccounts.server.mode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.AnnotatedElementUtils;
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

    /**
     * Beans are made when first needed ({@code spring.main.lazy-initialization}), but settings are bound and checked
     * at start all the same: a bad one refuses to start rather than fail the first request that needs it.
     */
    @Bean
    static LazyInitializationExcludeFilter settingsAreCheckedAtStart() {
        return (name, definition, type) -> AnnotatedElementUtils.hasAnnotation(type, ConfigurationProperties.class);
    }

    @Bean
    @Lazy(false)
    DeploymentMode deploymentMode(Environment env) {
        DeploymentMode mode = DeploymentMode.of(env);
        log.info("Stripe: {}", mode == DeploymentMode.EMBEDDED ? "the embedded emulator" : "STRIPE_API_KEY's account");
        return mode;
    }
}
