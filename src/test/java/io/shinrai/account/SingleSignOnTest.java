package io.shinrai.account;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tests signing in through {@link OidcTestProvider}; they share one application context.
 */
abstract class SingleSignOnTest {

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		OidcTestProvider.register(registry);
	}

}
