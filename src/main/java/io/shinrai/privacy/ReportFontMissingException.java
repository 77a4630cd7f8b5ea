package io.shinrai.privacy;

/**
 * No Japanese font file is readable, so no PDF that every reader shows correctly can be
 * made.
 */
public class ReportFontMissingException extends RuntimeException {

	private final String lookedFor;

	ReportFontMissingException(String lookedFor) {
		super("no Japanese font for the transparency report PDF at " + lookedFor);
		this.lookedFor = lookedFor;
	}

	public String lookedFor() {
		return lookedFor;
	}

}
