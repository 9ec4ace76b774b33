package io.billingaccounts.server.organizations;

import io.billingaccounts.server.billing.Change;

/** A merge patch of an organization's branding: each field kept, cleared or set. */
public record BrandingPatch(Change<String> displayName, Change<String> loginHint, Change<String> primaryColor,
                            Change<String> pageBackgroundColor) {

    public static final BrandingPatch NONE = new BrandingPatch(Change.keep(), Change.keep(), Change.keep(),
            Change.keep());

    Branding applyTo(Branding current) {
        return new Branding(displayName.applyTo(current.displayName()), loginHint.applyTo(current.loginHint()),
                primaryColor.applyTo(current.primaryColor()),
                pageBackgroundColor.applyTo(current.pageBackgroundColor()));
    }
}
