package io.shinrai.account;

/**
 * A user's access changed (disabled, other role, new password): sessions opened before
 * must not outlive it.
 */
record UserAccessChanged(String username) {
}
