package io.shinrai.scoring;

/**
 * A draft was based on a version that is no longer the active one: someone else activated
 * a policy meanwhile. Nothing was activated; the admin should look at the new active
 * version and decide again.
 */
public class StalePolicyVersionException extends RuntimeException {

	private final int basedOnVersion;

	private final int activeVersion;

	public StalePolicyVersionException(int basedOnVersion, int activeVersion) {
		super("draft based on version " + basedOnVersion + " but version " + activeVersion + " is active");
		this.basedOnVersion = basedOnVersion;
		this.activeVersion = activeVersion;
	}

	public int basedOnVersion() {
		return basedOnVersion;
	}

	public int activeVersion() {
		return activeVersion;
	}

}
