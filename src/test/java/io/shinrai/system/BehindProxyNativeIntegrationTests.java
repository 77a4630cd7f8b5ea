package io.shinrai.system;

import io.shinrai.IntegrationTest;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.TestPropertySource;

/**
 * Tomcat reads the forwarded headers ({@code server.forward-headers-strategy=native}).
 */
@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "server.forward-headers-strategy=native")
class BehindProxyNativeIntegrationTests extends BehindProxyChecks {

}
