-- Users created at single sign-on are tied to their identity at the provider (issuer and subject), never to a user
-- name the provider lets people choose.
alter table app_user add column sso_issuer varchar(500);
alter table app_user add column sso_subject varchar(255);
create unique index app_user_sso_identity_key on app_user (sso_issuer, sso_subject) where sso_subject is not null;
