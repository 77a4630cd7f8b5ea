package io.shinrai.notification;

import java.util.List;

import io.shinrai.system.SegmentScope;

/**
 * One thing to tell a user, as message key and arguments (rendered in the reader's
 * language when shown or mailed). The message's argument {0} is the number of items;
 * notices with the same group key add up (an import's new cases become one "N new cases
 * from import X").
 *
 * @param variant the message key below {@code notification.}, e.g. {@code case.opened}
 * @param args arguments {1}, {2}, … of the message
 * @param link the page it is about, relative to the base URL (e.g. {@code /recovery/12})
 * @param segment the segment of the customer it is about ({@code ""}: a customer without
 * one); {@code null} when it is about the whole company (an import, a company or channel
 * trend, many customers at once): then only users who see the whole company are told
 */
record Notice(String variant, String groupKey, List<String> args, String link, int count, String segment) {

	Notice(String variant, String groupKey, List<String> args, String link, int count) {
		this(variant, groupKey, args, link, count, null);
	}

	/**
	 * Whether a user who sees the segments {@code scope} is told
	 * (docs/segment-scopes.md).
	 */
	boolean visibleIn(SegmentScope scope) {
		return scope.includes(segment);
	}

	Object[] messageArgs(int total) {
		Object[] all = new Object[args.size() + 1];
		all[0] = total;
		for (int i = 0; i < args.size(); i++) {
			all[i + 1] = args.get(i);
		}
		return all;
	}

}
