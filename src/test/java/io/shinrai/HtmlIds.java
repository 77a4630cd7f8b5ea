package io.shinrai;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ids of a rendered page, for checking that each is used once. */
public final class HtmlIds {

	private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]*)\"");

	private HtmlIds() {
	}

	/** The ids that occur more than once in the page. */
	public static Set<String> duplicates(String html) {
		Set<String> seen = new HashSet<>();
		Set<String> duplicates = new TreeSet<>();
		Matcher matcher = ID.matcher(html);
		while (matcher.find()) {
			if (!seen.add(matcher.group(1))) {
				duplicates.add(matcher.group(1));
			}
		}
		return duplicates;
	}

}
