package io.shinrai.privacy;

import java.time.Instant;

/**
 * One version of the retention settings. A value {@code null} keeps that data (the rule
 * is off).
 *
 * @param textMonths comments, incident explanations and recovery notes older than this
 * many months are emptied
 * @param inactiveYears customers without feedback for this many years are erased
 */
public record RetentionVersion(int version, Integer textMonths, Integer inactiveYears, Instant activatedAt,
		String activatedBy, String reason, boolean active) {

	public boolean isOff() {
		return textMonths == null && inactiveYears == null;
	}

}
