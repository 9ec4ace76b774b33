package io.billingaccounts.server.organizations;

import java.util.List;

import io.billingaccounts.server.problem.FieldViolation;
import io.billingaccounts.server.problem.Violations;

/** What a create or patch does with an organization's picture: none, a link kept as given, or an image stored. */
public final class OrganizationPicture {

    private static final OrganizationPicture NONE = new OrganizationPicture(null);

    private final PictureData data;

    private OrganizationPicture(PictureData data) {
        this.data = data;
    }

    /** The picture {@code value} sends (null for none); a value that is no picture is noted in {@code violations}. */
    static OrganizationPicture check(String value, Violations violations) {
        if (value == null) {
            return NONE;
        }
        PictureData data = PictureData.parse(value);
        if (data instanceof PictureData.Invalid invalid) {
            violations.add(violation(invalid));
            return NONE;
        }
        return new OrganizationPicture(data);
    }

    /** What is wrong with a picture as sent, for the body check that names every offending field at once. */
    public static List<FieldViolation> violations(String value) {
        return value != null && PictureData.parse(value) instanceof PictureData.Invalid invalid
                ? List.of(violation(invalid)) : List.of();
    }

    private static FieldViolation violation(PictureData.Invalid invalid) {
        return new FieldViolation("picture", "invalid_picture", invalid.reason());
    }

    /** What the organization's {@code picture} names: the link, the service's own path of a stored image, or null. */
    String url(String workspaceId, String organizationId) {
        if (data instanceof PictureData.Link link) {
            return link.url();
        }
        return data == null ? null : Organization.storedPicturePath(workspaceId, organizationId);
    }

    /** Keeps the image, or drops an earlier one that a link or no picture replaces. */
    void store(OrganizationStore organizations, String organizationId) {
        if (data instanceof PictureData.Image image) {
            organizations.storePicture(organizationId, image.mediaType(), image.bytes());
        } else {
            organizations.deletePicture(organizationId);
        }
    }
}
