package io.shinrai.notification;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which URLs webhooks may call: absolute {@code http}/{@code https} URLs without user
 * info whose host resolves, and only to public addresses: every address of the host is
 * checked, and loopback, private (RFC 1918, IPv6 unique local), link-local, carrier-grade
 * NAT, multicast and unspecified addresses are refused, unless
 * {@code shinrai.webhooks.allow-private=true} (tests, on-premise receivers). Checked when
 * an endpoint is stored and again before every call (a name may resolve differently
 * later); calls never follow redirects.
 */
@Component
class WebhookTargets {

	static final int MAX_URL_LENGTH = 2000;

	private final boolean allowPrivate;

	@Autowired
	WebhookTargets(NotificationProperties properties) {
		this(properties.webhooks().allowPrivate());
	}

	WebhookTargets(boolean allowPrivate) {
		this.allowPrivate = allowPrivate;
	}

	boolean allowsPrivate() {
		return allowPrivate;
	}

	/**
	 * @return the URL as a URI
	 * @throws WebhookRefused when it is not a URL webhooks may call
	 */
	URI check(String url) {
		if (url == null || url.isBlank()) {
			throw new WebhookRefused("url", "webhooks.url.required");
		}
		if (url.length() > MAX_URL_LENGTH) {
			throw new WebhookRefused("url", "webhooks.url.tooLong", MAX_URL_LENGTH);
		}
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			throw new WebhookRefused("url", "webhooks.url.invalid");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
				|| uri.getRawFragment() != null) {
			throw new WebhookRefused("url", "webhooks.url.invalid");
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(uri.getHost());
		}
		catch (UnknownHostException ex) {
			throw new WebhookRefused("url", "webhooks.url.unknownHost", uri.getHost());
		}
		if (!allowPrivate) {
			for (InetAddress address : addresses) {
				if (isPrivate(address)) {
					throw new WebhookRefused("url", "webhooks.url.private", uri.getHost(), address.getHostAddress());
				}
			}
		}
		return uri;
	}

	static boolean isPrivate(InetAddress address) {
		if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			int first = bytes[0] & 0xff;
			int second = bytes[1] & 0xff;
			// 0.0.0.0/8, 100.64.0.0/10 (carrier-grade NAT), 192.0.0.0/24, 198.18.0.0/15
			// (benchmarks), 240.0.0.0/4
			return first == 0 || (first == 100 && (second & 0xc0) == 64)
					|| (first == 192 && second == 0 && bytes[2] == 0)
					|| (first == 198 && (second == 18 || second == 19)) || first >= 240;
		}
		if (address instanceof Inet6Address) {
			int first = bytes[0] & 0xff;
			// fc00::/7 unique local; IPv4-mapped addresses are checked as IPv4
			if ((first & 0xfe) == 0xfc) {
				return true;
			}
			boolean mapped = true;
			for (int i = 0; i < 10; i++) {
				mapped &= bytes[i] == 0;
			}
			if (mapped && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
				try {
					return isPrivate(
							InetAddress.getByAddress(new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] }));
				}
				catch (UnknownHostException ex) {
					return true;
				}
			}
		}
		return false;
	}

}
