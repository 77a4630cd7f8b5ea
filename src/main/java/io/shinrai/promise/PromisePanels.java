package io.shinrai.promise;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.shinrai.account.SegmentScopes;
import io.shinrai.account.UserAccount;
import io.shinrai.account.UserAccounts;
import io.shinrai.system.BusinessTime;
import io.shinrai.system.SegmentScope;

/**
 * What the promise panels on pages of other modules read
 * ({@code templates/promise/panels.html}, called from the template as
 * {@code @promisePanels}), so the dashboard, customer page, case page and board include a
 * panel with one line each and their controllers need not know about promises.
 */
@Component
public class PromisePanels {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private static final DateTimeFormatter INPUT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	private final Promises promises;

	private final UserAccounts accounts;

	private final ZoneId zone;

	private final Clock clock;

	private final SegmentScopes scopes;

	PromisePanels(Promises promises, UserAccounts accounts, BusinessTime businessTime, Clock clock,
			SegmentScopes scopes) {
		this.clock = clock;
		this.promises = promises;
		this.accounts = accounts;
		this.zone = businessTime.zone();
		this.scopes = scopes;
	}

	/** A time as the panels show it, in the business time zone. */
	public String time(Instant instant) {
		return instant == null ? "" : TIME.format(instant.atZone(zone));
	}

	/** The value of a {@code datetime-local} input, in the business time zone. */
	public String inputTime(Instant instant) {
		return INPUT_TIME.format(instant.atZone(zone));
	}

	public ZoneId getZone() {
		return zone;
	}

	public List<PromiseView> ofCustomer(long customerId) {
		return promises.ofCustomer(customerId);
	}

	public List<PromiseView> ofCase(long caseId) {
		return promises.ofCases(List.of(caseId)).get(caseId);
	}

	public Map<Long, List<PromiseView>> ofCases(Collection<Long> caseIds) {
		return promises.ofCases(caseIds);
	}

	/**
	 * For the dashboard's period [from, to) and segment, among the segments the signed-in
	 * user sees.
	 */
	public PromiseMeasures measures(String segment, Instant from, Instant to) {
		return promises.measures(scopes.current().narrow(segment), null, from, to);
	}

	/** For the customer page: the last 90 days. */
	public PromiseMeasures measuresOfCustomer(long customerId) {
		Instant now = clock.instant();
		return promises.measures(SegmentScope.all(), customerId, now.minus(Duration.ofDays(90)), now);
	}

	/** A sensible default due time for the form: tomorrow at this time. */
	public String defaultDue() {
		return inputTime(clock.instant().plus(Duration.ofDays(1)));
	}

	/** "Due soon" on the dashboard: due within this many hours. */
	public long getDueSoonHours() {
		return promises.dueSoon().toHours();
	}

	/**
	 * The form's due time as typed, for a form that came back refused; else the default.
	 */
	public String dueValue(PromiseForm form) {
		return form == null ? defaultDue() : form.getDueAt() == null ? "" : INPUT_TIME.format(form.getDueAt());
	}

	public List<UserAccount> owners() {
		return accounts.managers();
	}

}
