package io.shinrai.scoring;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.audit.AuditLog;
import io.shinrai.audit.AuditType;
import io.shinrai.scoring.PolicyChange.FieldChange;

/**
 * The scoring policy's versions: the active one, the history with who, when, why and what
 * changed, and activation of a new version by an admin. Versions are immutable;
 * re-activating an older one stores a copy under a new number.
 * <p>
 * The <em>active</em> version is the newest activation. The <em>serving</em> version is
 * the one numbers are computed with: the same, except while a change of half-life or
 * severities is being recomputed in the background, when the previous version keeps
 * serving so that every page stays consistent (see {@link #recomputationStatus()}).
 */
@Service
@Transactional(readOnly = true)
public class ScoringPolicies {

	private final PolicyStore store;

	private final BasisBuilder builder;

	private final AuditLog audit;

	private final Clock clock;

	ScoringPolicies(PolicyStore store, BasisBuilder builder, AuditLog audit, Clock clock) {
		this.clock = clock;
		this.store = store;
		this.builder = builder;
		this.audit = audit;
	}

	/** The newest activated version (what the admin page edits). */
	public PolicyVersion active() {
		return store.active();
	}

	/** The version every number is computed with right now; see the class comment. */
	public PolicyVersion serving() {
		return store.serving().version();
	}

	public Optional<PolicyVersion> version(int version) {
		return store.find(version);
	}

	/**
	 * Every version, newest first, each with what it changed against the one before it.
	 */
	public List<PolicyChange> history() {
		List<PolicyVersion> versions = store.all();
		int active = store.activeVersion();
		List<PolicyChange> history = new ArrayList<>();
		PolicyVersion previous = null;
		for (PolicyVersion version : versions) {
			List<FieldChange> changes = (previous == null) ? List.of() : diff(previous.policy(), version.policy());
			history.add(0, new PolicyChange(version, version.version() == active, changes));
			previous = version;
		}
		return history;
	}

	/**
	 * Activates {@code draft} as a new version. Changes of weights, prior, thresholds,
	 * risk rule or SLA take effect on the next page load; a change of half-life or
	 * severities is recomputed in the background first.
	 * @param basedOnVersion the active version the admin started from
	 * @throws InvalidPolicyException when a field is outside its allowed range or the
	 * reason is missing
	 * @throws StalePolicyVersionException when another version was activated since
	 * {@code basedOnVersion}
	 */
	@Transactional
	public PolicyVersion activate(ScoringPolicy draft, String reason, int basedOnVersion, String actor) {
		return activate(draft, reason, basedOnVersion, actor, null);
	}

	/**
	 * Activates a copy of an older version (as a new version number), with the same
	 * checks as {@link #activate}.
	 */
	@Transactional
	public PolicyVersion reactivate(int version, String reason, int basedOnVersion, String actor) {
		PolicyVersion old = store.find(version)
			.orElseThrow(() -> new io.shinrai.system.NotFoundException("scoring policy version " + version));
		return activate(old.policy(), reason, basedOnVersion, actor, version);
	}

	/**
	 * The newest recomputation of the sums (running, finished or superseded), if any was
	 * ever needed.
	 */
	public Optional<RecomputationStatus> recomputationStatus() {
		return builder.latestStatus();
	}

	Serving servingState() {
		return store.serving();
	}

	private PolicyVersion activate(ScoringPolicy draft, String reason, int basedOnVersion, String actor,
			Integer copiedFrom) {
		List<PolicyFieldError> errors = new ArrayList<>(PolicyValidation.check(draft));
		errors.addAll(PolicyValidation.checkReason(reason));
		if (!errors.isEmpty()) {
			throw new InvalidPolicyException(errors);
		}
		// one activation at a time, so the version check below cannot race with another
		// admin's save
		builder.lockPolicies();
		PolicyVersion current = store.active();
		if (current.version() != basedOnVersion) {
			throw new StalePolicyVersionException(basedOnVersion, current.version());
		}
		int number = store.nextVersion();
		store.insertActive(number, draft, clock.instant(), actor, reason.strip(), copiedFrom);
		PolicyVersion activated = store.find(number).orElseThrow();
		builder.ensureFor(activated);
		audit.record(actor, AuditType.POLICY_ACTIVATED, "scoring policy version " + number, reason.strip(),
				describe(current), describe(activated));
		return activated;
	}

	static List<FieldChange> diff(ScoringPolicy before, ScoringPolicy after) {
		Map<String, Double> old = PolicyField.named(before);
		List<FieldChange> changes = new ArrayList<>();
		PolicyField.named(after).forEach((field, value) -> {
			if (Double.compare(old.get(field), value) != 0) {
				changes.add(new FieldChange(field, old.get(field), value));
			}
		});
		return changes;
	}

	/** The audit log's readable before/after of a version. */
	private static String describe(PolicyVersion version) {
		StringBuilder text = new StringBuilder("version: ").append(version.version());
		PolicyField.named(version.policy())
			.forEach((field,
					value) -> text.append('\n').append(field).append(": ").append(PolicyField.format(field, value)));
		return text.toString();
	}

}
