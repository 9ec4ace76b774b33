package io.billingaccounts.server.organizations;

/** How an organization's login pages look; every field may be unset (null). */
public record Branding(String displayName, String loginHint, String primaryColor, String pageBackgroundColor) {

    public static final Branding NONE = new Branding(null, null, null, null);
}
