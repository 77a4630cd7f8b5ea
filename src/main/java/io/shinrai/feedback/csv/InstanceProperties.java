package io.shinrai.feedback.csv;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code shinrai.instance-id} ({@code SHINRAI_INSTANCE_ID}): names this instance in its
 * import jobs, so that at start the jobs it was running when it stopped are marked
 * failed; empty for {@code <host name>:<port>}.
 */
@ConfigurationProperties("shinrai")
record InstanceProperties(@DefaultValue("") String instanceId) {
}
