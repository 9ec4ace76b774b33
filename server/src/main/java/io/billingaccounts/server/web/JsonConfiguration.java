package io.billingaccounts.server.web;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.openapitools.jackson.nullable.JsonNullableJackson3Module;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.billingaccounts.server.api.model.OrganizationLimitsDto;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON as the contract reads it: {@code {"name": 123}} is not a name, numbers are not enum values, absent and null
 * stay apart (JsonNullable), and timestamps are UTC with exactly six fractional digits.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

    @Bean
    JsonNullableJackson3Module jsonNullableModule() {
        return new JsonNullableJackson3Module();
    }

    @Bean
    SimpleModule microsecondTimestamps() {
        return new SimpleModule("microsecond-timestamps").addSerializer(OffsetDateTime.class, new TimestampWriter());
    }

    /** An organization's limits name only the products that have one: an unset limit is absent, not null. */
    @Bean
    SimpleModule limitsAbsentWhenUnset() {
        return new SimpleModule("limits-absent-when-unset")
                .setMixInAnnotation(OrganizationLimitsDto.class, AbsentWhenNull.class);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private interface AbsentWhenNull {
    }

    @Bean
    JsonMapperBuilderCustomizer strictTypes() {
        return builder -> builder
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Enum, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
    }

    static final class TimestampWriter extends StdSerializer<OffsetDateTime> {

        private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

        TimestampWriter() {
            super(OffsetDateTime.class);
        }

        @Override
        public void serialize(OffsetDateTime value, JsonGenerator gen, SerializationContext context) {
            gen.writeString(FORMAT.format(value.withOffsetSameInstant(ZoneOffset.UTC)));
        }
    }
}
