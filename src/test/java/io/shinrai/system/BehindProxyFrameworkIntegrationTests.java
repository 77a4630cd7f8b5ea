package io.shinrai.system;

import io.shinrai.IntegrationTest;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.TestPropertySource;

/**
 * Spring's filter reads the forwarded headers
 * ({@code server.forward-headers-strategy=framework}).
 */
@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "server.forward-headers-strategy=framework")
class BehindProxyFrameworkIntegrationTests extends BehindProxyChecks {

}
