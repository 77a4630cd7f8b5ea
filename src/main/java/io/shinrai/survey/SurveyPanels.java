package io.shinrai.survey;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.stereotype.Component;

import io.shinrai.system.BusinessTime;

/**
 * What the survey panels on pages of other modules read
 * ({@code templates/survey/panels.html}, called from the template as
 * {@code @surveyPanels}): the customer page and the case page include a panel with one
 * line each, and their controllers need not know about survey links (the case page is
 * {@code recovery}'s, which {@code survey} builds on).
 */
@Component
public class SurveyPanels {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final SurveyLinks links;

	private final ZoneId zone;

	SurveyPanels(SurveyLinks links, BusinessTime businessTime) {
		this.links = links;
		this.zone = businessTime.zone();
	}

	/** A time as the panels show it, in the business time zone. */
	public String time(Instant instant) {
		return instant == null ? "" : TIME.format(instant.atZone(zone));
	}

	public List<SurveyLinkView> ofCustomer(long customerId) {
		return links.ofCustomer(customerId);
	}

	public List<SurveyLinkView> ofCase(long caseId) {
		return links.ofCase(caseId);
	}

	public boolean isMailConfigured() {
		return links.canEmail();
	}

	public int getDefaultDays() {
		return SurveyLinks.DEFAULT_EXPIRES_IN_DAYS;
	}

	public int getMaxDays() {
		return SurveyLinks.MAX_EXPIRES_IN_DAYS;
	}

}
