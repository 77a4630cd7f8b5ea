package io.shinrai.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures as the Standard Webhooks specification defines them: the secret is
 * {@code whsec_} followed by the base64 of the key; the signature of a call is
 * {@code v1,} followed by the base64 of the HMAC-SHA256 of
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, keyed with the decoded key.
 */
final class WebhookSignature {

	static final String PREFIX = "whsec_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private WebhookSignature() {
	}

	/** A new secret of 32 random bytes. */
	static String newSecret() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return PREFIX + Base64.getEncoder().encodeToString(key);
	}

	/** Whether {@code secret} is {@code whsec_} and base64 of a key of 24 to 64 bytes. */
	static boolean isValidSecret(String secret) {
		if (secret == null || !secret.startsWith(PREFIX)) {
			return false;
		}
		try {
			int length = Base64.getDecoder().decode(secret.substring(PREFIX.length())).length;
			return length >= 24 && length <= 64;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	static String sign(String secret, String id, long timestampSeconds, String body) {
		byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			byte[] digest = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}

}
