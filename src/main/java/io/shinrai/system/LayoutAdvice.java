package io.shinrai.system;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** What the layout needs on every page: links that switch the language of the current page. */
@ControllerAdvice
class LayoutAdvice {

	@ModelAttribute("languageLinks")
	Map<String, String> languageLinks(HttpServletRequest request) {
		Map<String, String> links = new LinkedHashMap<>();
		for (Locale locale : Languages.SUPPORTED) {
			String url = "GET".equals(request.getMethod())
					? ServletUriComponentsBuilder.fromRequest(request)
						.replaceQueryParam(WebConfiguration.LANGUAGE_PARAMETER, locale.getLanguage())
						.build()
						.toUriString()
					: "?" + WebConfiguration.LANGUAGE_PARAMETER + "=" + locale.getLanguage();
			links.put(locale.getLanguage(), relative(url));
		}
		return links;
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
