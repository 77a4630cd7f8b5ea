package io.shinrai.account;

/**
 * What a personal access token may do: only read ({@code GET}), or all its user's role
 * allows.
 */
public enum TokenAccess {

	READ, READ_WRITE

}
