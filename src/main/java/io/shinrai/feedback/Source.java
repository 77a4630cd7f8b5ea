package io.shinrai.feedback;

/** How a feedback entry reached Shinrai. */
public enum Source {

	FORM, CSV, API

}
