package io.billingaccounts.server.web;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.api.model.CurrencyDto;
import io.billingaccounts.server.api.model.ProductQuantitiesDto;
import io.billingaccounts.server.api.model.SubscriptionCreateDto;
import io.billingaccounts.server.api.model.SubscriptionDto;
import io.billingaccounts.server.api.model.SubscriptionPatchDto;
import io.billingaccounts.server.api.model.SubscriptionProductDto;
import io.billingaccounts.server.api.model.TrialEligibilityDto;
import io.billingaccounts.server.api.model.TrialInfoDto;
import io.billingaccounts.server.api.model.TrialRequirementsDto;
import io.billingaccounts.server.subscriptions.NewSubscription;
import io.billingaccounts.server.subscriptions.Subscription;
import io.billingaccounts.server.subscriptions.SubscriptionPatch;
import io.billingaccounts.server.subscriptions.SubscriptionRules;
import io.billingaccounts.server.subscriptions.TrialEligibility;

/** Between the contract's subscription DTOs and the domain's subscriptions. */
final class SubscriptionMapper {

    private SubscriptionMapper() {
    }

    static SubscriptionDto toDto(Subscription s) {
        Subscription.Pending pending = s.pending();
        return new SubscriptionDto().id(s.id()).billingAccountId(s.billingAccountId())
                .status(SubscriptionDto.StatusEnum.fromValue(s.shownStatus()))
                .currency(CurrencyDto.fromValue(s.currency())).productQuantities(products(s.items()))
                .metadata(new LinkedHashMap<>(s.metadata())).currentPeriodStart(s.currentPeriodStart())
                .currentPeriodEnd(s.currentPeriodEnd()).trialEnd(s.trialEnd())
                .cancelAtPeriodEnd(s.cancelAtPeriodEnd())
                .pendingProductQuantities(pending == null ? null : products(pending.items()))
                .pendingEffectiveAt(pending == null ? null : pending.effectiveAt())
                .createdAt(s.createdAt()).updatedAt(s.updatedAt());
    }

    private static Map<String, SubscriptionProductDto> products(Map<Product, Subscription.Item> items) {
        Map<String, SubscriptionProductDto> products = new LinkedHashMap<>();
        items.forEach((product, item) -> products.put(product.wireName(), new SubscriptionProductDto(
                item.priceId(), Math.toIntExact(item.quantity()),
                SubscriptionProductDto.IntervalEnum.fromValue(item.interval()))));
        return products;
    }

    static NewSubscription toNew(SubscriptionCreateDto body) {
        return new NewSubscription(products(body.getProductQuantities()),
                body.getMetadata() == null ? Map.of() : body.getMetadata());
    }

    static SubscriptionPatch toPatch(SubscriptionPatchDto body) {
        Set<Product> removed = EnumSet.noneOf(Product.class);
        if (body.getRemoveProducts() != null) {
            body.getRemoveProducts().forEach(p -> removed.add(Product.fromWire(p.getValue())));
        }
        return new SubscriptionPatch(
                body.getAction() == null ? null : SubscriptionPatch.Action.valueOf(body.getAction().name()),
                body.getProductQuantities() == null ? null : products(body.getProductQuantities()),
                body.getAddProducts() == null ? null : products(body.getAddProducts()), removed,
                body.getMetadata());
    }

    static TrialEligibilityDto toDto(TrialEligibility eligibility) {
        String message = eligibility.trialEligible()
                ? "This workspace may start a " + SubscriptionRules.TRIAL_DAYS + "-day free trial without a payment"
                        + " method."
                : "This workspace has used its free trial or has more than one billing account; subscriptions are"
                        + " charged to the default payment method.";
        String requirement = eligibility.canCreateSubscription() ? null
                : "Add a payment method to the billing account before creating a subscription.";
        return new TrialEligibilityDto(eligibility.trialEligible(), eligibility.hasPaymentMethod(),
                eligibility.canCreateSubscription(), new TrialInfoDto(SubscriptionRules.TRIAL_DAYS, message),
                new TrialRequirementsDto(requirement));
    }

    private static Map<Product, Long> products(ProductQuantitiesDto quantities) {
        Map<Product, Long> products = new EnumMap<>(Product.class);
        if (quantities == null) {
            return products;
        }
        if (quantities.getLocations() != null) {
            products.put(Product.LOCATIONS, quantities.getLocations().longValue());
        }
        if (quantities.getUsers() != null) {
            products.put(Product.USERS, quantities.getUsers().longValue());
        }
        if (quantities.getSso() != null) {
            products.put(Product.SSO, quantities.getSso().longValue());
        }
        return products;
    }
}
