package io.billingaccounts.server.organizations;

import io.billingaccounts.server.problem.Violations;
import io.billingaccounts.server.store.OrganizationStore;

/** What a create or patch does with an organization's picture: none, a link kept as given, or an image stored. */
final class OrganizationPicture {

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
            violations.add("picture", "invalid_picture", invalid.reason());
            return NONE;
        }
        return new OrganizationPicture(data);
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
