package io.shinrai.survey;

import java.io.Serializable;
import java.time.Instant;

/**
 * A survey link just created: the only moment its URL is known (the token is not stored).
 * Give it to the customer now (copy, e-mail, CSV); to send it again later, create a new
 * one. Serializable: it reaches the page after the redirect as a flash attribute, which
 * lives in the session (in the database) until that next request.
 */
public record IssuedLink(long id, long customerId, Long caseId, String url, Instant expiresAt) implements Serializable {
}
