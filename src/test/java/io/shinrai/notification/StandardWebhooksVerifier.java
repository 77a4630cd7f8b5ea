package io.shinrai.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a Standard Webhooks signature, written from the specification and
 * independent of the code under test: strip {@code whsec_}, base64-decode the key,
 * HMAC-SHA256 over {@code id.timestamp.body}, and compare in constant time with any of
 * the space-separated {@code v1,<base64>} signatures of the header.
 */
final class StandardWebhooksVerifier {

	private StandardWebhooksVerifier() {
	}

	static boolean verify(String secret, String id, String timestamp, String body, String signatureHeader)
			throws Exception {
		byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
		Mac hmac = Mac.getInstance("HmacSHA256");
		hmac.init(new SecretKeySpec(key, "HmacSHA256"));
		byte[] expected = hmac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
		for (String signature : signatureHeader.split(" ")) {
			int comma = signature.indexOf(',');
			if (comma > 0 && signature.substring(0, comma).equals("v1")) {
				byte[] given = Base64.getDecoder().decode(signature.substring(comma + 1));
				if (MessageDigest.isEqual(expected, given)) {
					return true;
				}
			}
		}
		return false;
	}

}
