package io.shinrai.system;

import java.math.BigInteger;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The {@code page} parameter of every paged list, read the same way everywhere. Any whole
 * number is a page: one before the first shows the first page, one past the last (however
 * large) shows the last, and the list says which page it shows. Anything else is not a
 * page number: the list answers 400 with {@link #INVALID} and shows its first page. Lists
 * count their parameter from 0 or from 1; {@code first} says which.
 */
public final class PageParameter {

	/**
	 * The message of a page parameter that is not a number (argument: what was given).
	 */
	public static final String INVALID = "pagination.invalidPage";

	/**
	 * More pages than any list has: a larger number is read as this many pages past the
	 * first, so that offsets stay far from overflowing.
	 */
	static final int MAX_PAGES = 1_000_000;

	private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d+");

	private PageParameter() {
	}

	/**
	 * Whether {@code raw} is missing, blank or a whole number (full-width digits too, as
	 * a Japanese keyboard types them).
	 */
	public static boolean isValid(String raw) {
		return raw == null || raw.isBlank() || WHOLE_NUMBER.matcher(normalised(raw)).matches();
	}

	/**
	 * The page asked for, between {@code first} and {@code first + MAX_PAGES}; the first
	 * page when {@code raw} is missing or not a number. The list still clamps it to its
	 * last page once it knows how many it has ({@link #clamp}).
	 */
	public static int requested(String raw, int first) {
		if (raw == null || raw.isBlank() || !isValid(raw)) {
			return first;
		}
		BigInteger number = new BigInteger(normalised(raw));
		BigInteger lowest = BigInteger.valueOf(first);
		BigInteger highest = BigInteger.valueOf((long) first + MAX_PAGES);
		return number.max(lowest).min(highest).intValue();
	}

	/**
	 * {@code requested} within the list's pages: the last of {@code totalPages} when past
	 * it (an empty list has one empty page).
	 */
	public static int clamp(int requested, int first, int totalPages) {
		int last = first + Math.max(1, totalPages) - 1;
		return Math.max(first, Math.min(requested, last));
	}

	private static String normalised(String raw) {
		return Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
	}

}
