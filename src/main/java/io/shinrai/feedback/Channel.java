package io.shinrai.feedback;

/** Where a feedback entry came from. */
public enum Channel {

	EMAIL, PHONE, CHAT, SOCIAL, REVIEW_SITE, SURVEY, IN_PERSON, OTHER

}
