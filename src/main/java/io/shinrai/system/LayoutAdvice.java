package io.shinrai.system;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the layout needs on every page: links that switch the language of the current
 * page.
 * <p>
 * A page that answers a form post (a preview, a form shown again with its errors) has no
 * address of its own: a link to it would ask the post's address with GET. There the links
 * lead to the page the form was on (the referring page), and {@code shinrai.js} posts the
 * form again with the new language instead, so nothing typed is lost.
 */
@ControllerAdvice
class LayoutAdvice {

	@ModelAttribute("languageLinks")
	Map<String, String> languageLinks(HttpServletRequest request) {
		Map<String, String> links = new LinkedHashMap<>();
		boolean get = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
		for (Locale locale : Languages.SUPPORTED) {
			String url = get
					? ServletUriComponentsBuilder.fromRequest(request)
						.replaceQueryParam(WebConfiguration.LANGUAGE_PARAMETER, locale.getLanguage())
						.build()
						.toUriString()
					: UriComponentsBuilder.fromUriString(formPage(request))
						.replaceQueryParam(WebConfiguration.LANGUAGE_PARAMETER, locale.getLanguage())
						.build()
						.toUriString();
			links.put(locale.getLanguage(), relative(url));
		}
		return links;
	}

	/**
	 * On the answer to a form post: the address the form was posted to, which the
	 * switcher posts to again.
	 */
	@ModelAttribute("languageResubmit")
	String languageResubmit(HttpServletRequest request) {
		return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()) ? null : request.getRequestURI();
	}

	/**
	 * The page the posted form was on, by the Referer header (same origin only), or the
	 * start page.
	 */
	private static String formPage(HttpServletRequest request) {
		String referer = request.getHeader(HttpHeaders.REFERER);
		if (referer == null) {
			return "/";
		}
		try {
			URI uri = new URI(referer);
			String path = uri.getRawPath();
			if (path == null || !path.startsWith("/") || path.equals(request.getRequestURI())
					|| (uri.getHost() != null && !uri.getHost().equalsIgnoreCase(request.getServerName()))) {
				// the form was itself the answer to a post (or came from elsewhere): its
				// address cannot be asked for
				return "/";
			}
			return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
		}
		catch (URISyntaxException ex) {
			return "/";
		}
	}

	/** Keeps the links on this host whatever the Host header said. */
	private static String relative(String url) {
		int schemeEnd = url.indexOf("://");
		if (schemeEnd < 0) {
			return url;
		}
		int pathStart = url.indexOf('/', schemeEnd + 3);
		return pathStart < 0 ? "/" : url.substring(pathStart);
	}

}
