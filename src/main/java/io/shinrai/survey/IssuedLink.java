package io.shinrai.survey;

import java.time.Instant;

/**
 * A survey link just created: the only moment its URL is known (the token is not stored). Give it to the customer now
 * (copy, e-mail, CSV); to send it again later, create a new one.
 */
public record IssuedLink(long id, long customerId, Long caseId, String url, Instant expiresAt) {
}
