package io.shinrai.notification;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookTargetsTests {

	private final WebhookTargets strict = new WebhookTargets(false);

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1/hook", "http://localhost:8080/hook", "http://10.1.2.3/",
			"http://172.16.0.1/", "http://192.168.1.10/", "http://169.254.169.254/latest/meta-data", "http://[::1]/",
			"http://[fd00::1]/", "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/",
			"http://100.64.0.1/" })
	void refusesPrivateLoopbackAndLinkLocalTargets(String url) {
		assertThatThrownBy(() -> strict.check(url)).isInstanceOfSatisfying(WebhookRefused.class,
				refused -> assertThat(refused.key()).isEqualTo("webhooks.url.private"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://93.184.216.34/", "http://user:pw@93.184.216.34/", "not a url", "/relative",
			"http:///nohost" })
	void refusesWhatIsNotAnHttpUrl(String url) {
		assertThatThrownBy(() -> strict.check(url)).isInstanceOfSatisfying(WebhookRefused.class,
				refused -> assertThat(refused.key()).isEqualTo("webhooks.url.invalid"));
	}

	@Test
	void acceptsPublicAddresses() {
		assertThat(strict.check("https://93.184.216.34/hooks/shinrai").getHost()).isEqualTo("93.184.216.34");
		assertThat(strict.check("http://[2606:4700::1111]/").getHost()).isEqualTo("[2606:4700::1111]");
	}

	@Test
	void allowsPrivateTargetsWhenConfigured() {
		assertThat(new WebhookTargets(true).check("http://127.0.0.1:9/hook").getPort()).isEqualTo(9);
	}

	@Test
	void defaultRetriesStartWithinAMinuteAndLastMoreThanADay() {
		RetrySchedule schedule = new RetrySchedule(
				java.util.Arrays.stream(RetrySchedule.DEFAULT.split(",")).map(WebhookTargetsTests::duration).toList());
		assertThat(schedule.after(1)).isLessThanOrEqualTo(Duration.ofMinutes(1));
		assertThat(schedule.delays().stream().reduce(Duration.ZERO, Duration::plus))
			.isGreaterThan(Duration.ofHours(24));
		assertThat(schedule.after(schedule.maxAttempts())).isNull();
	}

	@Test
	void generatedSecretsFollowTheStandardWebhooksForm() {
		String secret = WebhookSignature.newSecret();
		assertThat(secret).startsWith("whsec_");
		assertThat(WebhookSignature.isValidSecret(secret)).isTrue();
		assertThat(WebhookSignature.isValidSecret("whsec_tooShort")).isFalse();
		assertThat(WebhookSignature.isValidSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isFalse();
	}

	@Test
	void signatureMatchesTheSpecificationExample() throws Exception {
		// the example of the Standard Webhooks specification
		String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
		String id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
		String body = "{\"test\": 2432232314}";
		String signature = WebhookSignature.sign(secret, id, 1614265330, body);
		assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
		assertThat(StandardWebhooksVerifier.verify(secret, id, "1614265330", body, signature)).isTrue();
		assertThat(StandardWebhooksVerifier.verify(secret, id, "1614265331", body, signature)).isFalse();
	}

	private static Duration duration(String text) {
		return org.springframework.boot.convert.DurationStyle.detectAndParse(text);
	}

}
