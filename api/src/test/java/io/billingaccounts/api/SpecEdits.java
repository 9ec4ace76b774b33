package io.billingaccounts.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text edits of a contract written like api/released/openapi-1.0.0.yaml, which never changes, so that the edits
 * keep applying: the changes the gate's tests show it judging.
 */
final class SpecEdits {

    private static final Pattern EXAMPLE_UPDATED_AT = Pattern.compile("\n +updated_at: '[^']*'");

    private SpecEdits() {
    }

    /** Drops the required response property {@code updated_at} of BillingAccount: a break of every client. */
    static String withoutUpdatedAt(String spec) {
        return editSchema(spec, "BillingAccount", schema -> replaceOnce(
                replaceOnce(schema, ", updated_at]", "]"),
                "        updated_at:\n          $ref: '#/components/schemas/Timestamp'\n", ""));
    }

    /** The same break as a complete change that lints clean: the examples of BillingAccount lose the property too. */
    static String withoutUpdatedAtInSchemaAndExamples(String spec) {
        String edited = withoutUpdatedAt(spec);
        for (String schema : new String[] {"BillingAccount", "BillingAccountList"}) {
            edited = editSchema(edited, schema, text -> removeOnce(text, EXAMPLE_UPDATED_AT));
        }
        return edited;
    }

    static String withNickname(String spec) {
        return editSchema(spec, "BillingAccountPatch", schema -> replaceOnce(schema, "      properties:\n",
                "      properties:\n        nickname:\n          type: string\n          maxLength: 50\n"));
    }

    static String withVersion(String spec, String version) {
        return replaceOnce(spec, "\n  version: 1.0.0\n", "\n  version: " + version + "\n");
    }

    /** Edits the text of one schema only, so that a same-named property elsewhere stays as it was. */
    private static String editSchema(String spec, String schema, UnaryOperator<String> edit) {
        String header = "\n    " + schema + ":\n";
        int start = spec.indexOf(header);
        assertThat(start).as("schema %s in the spec", schema).isNotNegative();
        Matcher nextAtSameOrOuterLevel = Pattern.compile("\n {0,4}\\S").matcher(spec);
        int end = nextAtSameOrOuterLevel.find(start + header.length()) ? nextAtSameOrOuterLevel.start() : spec.length();
        return spec.substring(0, start) + edit.apply(spec.substring(start, end)) + spec.substring(end);
    }

    private static String removeOnce(String text, Pattern pattern) {
        Matcher matches = pattern.matcher(text);
        assertThat(matches.results().count()).as("matches of %s in the text", pattern).isOne();
        return pattern.matcher(text).replaceFirst("");
    }

    /** Fails rather than silently leaving the copy unchanged, which would let the tests pass for the wrong reason. */
    private static String replaceOnce(String text, String target, String replacement) {
        int first = text.indexOf(target);
        assertThat(first).as("'%s' in the text", target).isNotNegative();
        assertThat(text.indexOf(target, first + 1)).as("a second '%s' in the text", target).isNegative();
        return text.substring(0, first) + replacement + text.substring(first + target.length());
    }
}
