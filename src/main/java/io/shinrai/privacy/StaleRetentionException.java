package io.shinrai.privacy;

/**
 * Another admin saved retention settings since the form was opened; nothing was saved.
 */
public class StaleRetentionException extends RuntimeException {

	private final int activeVersion;

	StaleRetentionException(int activeVersion) {
		super("retention version " + activeVersion + " is active now");
		this.activeVersion = activeVersion;
	}

	public int activeVersion() {
		return activeVersion;
	}

}
