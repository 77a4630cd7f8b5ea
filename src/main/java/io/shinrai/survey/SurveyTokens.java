package io.shinrai.survey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The secret part of a survey link: 32 bytes (256 bits) from {@link SecureRandom},
 * written base64url without padding (43 characters). Only its SHA-256 hash is stored, so
 * a copy of the database holds no usable link; a token is looked up by hashing what the
 * browser sent. (An unsalted fast hash is enough here: the token is random and long, so
 * there is nothing to guess or precompute.)
 */
final class SurveyTokens {

	static final int BYTES = 32;

	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private SurveyTokens() {
	}

	static String generate() {
		byte[] bytes = new byte[BYTES];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Whether it can be a token at all; anything else is unknown without asking the
	 * database.
	 */
	static boolean isWellFormed(String token) {
		return token != null && WELL_FORMED.matcher(token).matches();
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
