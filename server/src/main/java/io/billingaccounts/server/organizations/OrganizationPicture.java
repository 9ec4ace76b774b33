package io.billingaccounts.server.organizations;

import java.util.List;

import io.billingaccounts.server.problem.FieldViolation;

/**
 * What a create or patch does with an organization's picture: none, a link kept as given, or an image stored. A
 * picture is read (an image decoded) once, when its body is checked.
 */
public final class OrganizationPicture {

    /** No picture: a create without one, or a patch that removes it. */
    public static final OrganizationPicture NONE = new OrganizationPicture(null);

    private final PictureData data;

    private OrganizationPicture(PictureData data) {
        this.data = data;
    }

    /** The picture {@code value} sends (null for none), read once: a value that is no picture is kept as such. */
    public static OrganizationPicture read(String value) {
        return value == null ? NONE : new OrganizationPicture(PictureData.parse(value));
    }

    /** What is wrong with the picture as sent, for the body check that names every offending field at once. */
    List<FieldViolation> violations() {
        return data instanceof PictureData.Invalid invalid
                ? List.of(new FieldViolation("picture", "invalid_picture", invalid.reason())) : List.of();
    }

    /** What the organization's {@code picture} names: the link, the service's own path of a stored image, or null. */
    String url(String workspaceId, String organizationId) {
        if (data instanceof PictureData.Invalid) {
            throw new IllegalStateException("A picture reached the store without its body's check");
        }
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
