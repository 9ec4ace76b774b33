package io.billingaccounts.server.web;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Strong ETags made from an account's version, and the If-Match header read as RFC 9110 says. */
final class ETags {

    // An entity-tag: an optional weakness mark, then any characters but a double quote, quoted.
    private static final Pattern ENTITY_TAG = Pattern.compile("\\s*(W/)?\"([^\"]*)\"\\s*(,|$)");

    private ETags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The versions an If-Match header accepts: null when it sets no condition (absent, or {@code *}, which any
     * existing account meets). If-Match compares strongly: a weak tag matches nothing, nor does anything
     * unreadable, so a header of only such tags accepts no version at all.
     */
    static Set<Long> acceptedVersions(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Set<Long> versions = new HashSet<>();
        Matcher tag = ENTITY_TAG.matcher(ifMatch);
        int position = 0;
        while (position < ifMatch.length() && tag.find(position) && tag.start() == position) {
            if (tag.group(1) == null) {
                parse(tag.group(2), versions);
            }
            position = tag.end();
        }
        return versions;
    }

    private static void parse(String opaque, Set<Long> versions) {
        try {
            versions.add(Long.parseLong(opaque));
        } catch (NumberFormatException notOurs) {
            // A tag this service never made matches none of its versions.
        }
    }
}
