-- A workspace's tree of tenants. lineage is the path of ancestor ids and the organization's own, each followed
-- by '#': a subtree is every row whose lineage starts with its root's, one indexed range read at any depth.
-- billing_account_id is the top-level organization's, copied down at creation (it never changes), so that the
-- rows drawing on an account are found without walking the tree.
create table organization (
    id                    varchar(40)  primary key,
    workspace_id          varchar(70)  not null references workspace (id),
    parent_id             varchar(40)  references organization (id) on delete cascade,
    lineage               varchar(500) not null,
    depth                 integer      not null,
    billing_account_id    varchar(70),
    name                  varchar(50)  not null,
    external_id           varchar(36)  not null,
    picture_url           varchar(2048),
    limit_locations       integer,
    limit_users           integer,
    limit_sso             integer,
    usage_locations       integer      not null,
    usage_users           integer      not null,
    usage_sso             integer      not null,
    display_name          varchar(50),
    login_hint            varchar(100),
    color_primary         varchar(7),
    color_page_background varchar(7),
    created_at            timestamp(6) with time zone not null,
    updated_at            timestamp(6) with time zone not null
);

create index organization_by_workspace on organization (workspace_id, lineage);
create index organization_by_parent on organization (parent_id);
create index organization_by_account on organization (billing_account_id);

-- Pictures sent as data URIs, served by the service; kept apart so that reading the tree never reads images.
create table organization_picture (
    organization_id varchar(40)  primary key references organization (id) on delete cascade,
    media_type      varchar(20)  not null,
    bytes           bytea        not null
);
