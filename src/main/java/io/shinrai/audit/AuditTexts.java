package io.shinrai.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Turns what the modules recorded (English sentences, field names and constants, written
 * once and kept as they were) into the reader's language: each known sentence is matched
 * and said again through the message bundles, field names become their labels and
 * constants ({@code PHONE}, {@code CLOSE}, {@code STAFF}) their names. What is not known
 * (a reason typed by an admin, a text from a newer version) is shown as it was stored.
 */
@Component
class AuditTexts {

	/** The message prefixes a recorded constant is looked up under, in order. */
	private static final List<String> CONSTANTS = List.of("Role.", "RecoveryStatus.", "RecoveryAction.",
			"PromiseStatus.", "Channel.", "Category.", "IncidentType.", "audit.value.");

	private static final Pattern CONSTANT = Pattern.compile("\\b[A-Z][A-Z_]{2,}\\b");

	private static final Pattern LINE = Pattern.compile("^([A-Za-z][A-Za-z ]*?): ?(.*)$");

	private static final Pattern PAIR = Pattern.compile("^[a-z]+=[^,]*(, [a-z]+=[^,]*)*$");

	private static final List<Sentence> SENTENCES = List.of(
			new Sentence("^Created with role ([A-Z]+)$", "audit.text.createdWithRole", true),
			new Sentence("^Role ([A-Z]+) → ([A-Z]+)$", "audit.text.roleChanged", true),
			new Sentence("^Display name changed$", "audit.text.displayNameChanged", false),
			new Sentence("^Sign-in enabled$", "audit.text.signInEnabled", false),
			new Sentence("^Sign-in disabled$", "audit.text.signInDisabled", false),
			new Sentence("^Email changed$", "audit.text.emailChanged", false),
			new Sentence("^Password reset$", "audit.text.passwordReset", false),
			new Sentence("^changed: (.*)$", "audit.text.changedFields", false),
			new Sentence("^OWNER_CHANGED$", "audit.text.ownerChanged", false),
			new Sentence("^NOTE_ADDED$", "audit.text.noteAdded", false),
			new Sentence("^(ACKNOWLEDGE|RESOLVE|CLOSE|REOPEN)$", "audit.text.caseMoved", true),
			new Sentence("^Confirmed by the customer in feedback (\\d+)$", "audit.text.confirmedByCustomer", false),
			new Sentence("^Reopened by negative feedback (\\d+) logged by (.+)$", "audit.text.reopenedByFeedback",
					false),
			new Sentence("^kept$", "audit.text.promiseKept", false),
			new Sentence("^broken, customer erased$", "audit.text.promiseBrokenErased", false),
			new Sentence("^broken, logged as feedback (\\d+)$", "audit.text.promiseBroken", false),
			new Sentence("^customer (.+), case (\\d+), owner (.+)$", "audit.text.promiseForCase", false),
			new Sentence("^customer (.+), owner (.+)$", "audit.text.promise", false),
			new Sentence("^Webhook for (.+)$", "audit.text.webhookFor", false),
			new Sentence("^Webhook deleted$", "audit.text.webhookDeleted", false),
			new Sentence("^Webhook enabled$", "audit.text.webhookEnabled", false),
			new Sentence("^Webhook disabled$", "audit.text.webhookDisabled", false),
			new Sentence("^(\\d+) links for a mail merge, valid (\\d+) days$", "audit.text.mailMergeLinks", false),
			new Sentence(
					"^survey link (\\d+) about case (\\d+), valid (\\d+) days$", "audit.text.surveyLinkForCase", false),
			new Sentence("^survey link (\\d+), valid (\\d+) days$", "audit.text.surveyLink", false),
			new Sentence("^(.+): (\\d+) rows, (\\d+) imported, (\\d+) skipped as already imported, (\\d+) rejected$",
					"audit.text.importDone", false),
			new Sentence(
					"^(.+): (\\d+) rows, (\\d+) imported, (\\d+) skipped as already imported, (\\d+) rejected; stopped: .*$",
					"audit.text.importStopped", false),
			new Sentence("^Merged customer (.+) into (.+)$", "audit.text.customersMerged", false),
			new Sentence("^Merged segment (.*) into (.+)$", "audit.text.segmentsMerged", false),
			new Sentence("^texts emptied: (\\d+), notes emptied: (\\d+), customers erased: (\\d+)$",
					"audit.text.retentionApplied", false),
			new Sentence(
					"^(\\d+) failed sign-ins in a row for user name '(.*)' from (\\S+); each further attempt now waits (.+) or more$",
					"audit.text.loginFailuresUser", false),
			new Sentence(
					"^(\\d+) failed sign-ins from (\\S+) \\(any user name\\); every attempt from there now waits (.+) or more$",
					"audit.text.loginFailuresAddress", false));

	private final MessageSource messages;

	AuditTexts(MessageSource messages) {
		this.messages = messages;
	}

	/** The event as the audit page shows it to a reader of {@code locale}. */
	AuditRow row(AuditEvent event, boolean seededPolicy, Locale locale) {
		String summary = seededPolicy ? messages.getMessage("audit.text.seededPolicy", null, locale)
				: summary(event.summary(), locale);
		return new AuditRow(event, summary, state(event.before(), event.type(), locale),
				state(event.after(), event.type(), locale), subject(event.subject(), locale), link(event));
	}

	String summary(String text, Locale locale) {
		if (text == null) {
			return null;
		}
		for (Sentence sentence : SENTENCES) {
			Matcher matcher = sentence.pattern().matcher(text);
			if (matcher.matches()) {
				Object[] args = new Object[matcher.groupCount()];
				for (int i = 0; i < args.length; i++) {
					String group = matcher.group(i + 1);
					args[i] = sentence.constants() ? constant(group, locale) : group;
				}
				if (sentence.key().equals("audit.text.changedFields")) {
					args[0] = Arrays.stream(matcher.group(1).split(", "))
						.map(field -> field(field, locale))
						.collect(Collectors.joining(messages.getMessage("audit.listSeparator", null, ", ", locale)));
				}
				return messages.getMessage(sentence.key(), numbers(sentence.key(), args, locale), locale);
			}
		}
		return text;
	}

	/**
	 * A before or after text: "field: value" lines (or "field=value" pairs), or one
	 * value.
	 */
	String state(String text, AuditType type, Locale locale) {
		if (text == null) {
			return null;
		}
		// a promise's OPEN is the promise's, not a recovery case's
		List<String> constants = type != null && type.name().startsWith("PROMISE_")
				? Stream.concat(Stream.of("PromiseStatus."), CONSTANTS.stream()).toList() : CONSTANTS;
		List<String> lines = new ArrayList<>();
		for (String line : text.split("\n", -1)) {
			if (PAIR.matcher(line).matches()) {
				lines.add(Arrays.stream(line.split(", "))
					.map(pair -> pair.split("=", 2))
					.map(pair -> field(pair[0], locale) + ": " + value(pair[1], constants, locale))
					.collect(Collectors.joining("\n")));
				continue;
			}
			Matcher matcher = LINE.matcher(line);
			if (matcher.matches() && label(matcher.group(1), locale) != null) {
				lines.add(field(matcher.group(1), locale) + ": " + value(matcher.group(2), constants, locale));
			}
			else {
				lines.add(value(line, constants, locale));
			}
		}
		return String.join("\n", lines);
	}

	/** The subject in words: "recovery-case:6" reads "Recovery case 6". */
	String subject(String subject, Locale locale) {
		if (subject == null) {
			return null;
		}
		for (Subject kind : Subject.values()) {
			Matcher matcher = kind.pattern.matcher(subject);
			if (matcher.matches()) {
				String key = "audit.subject." + kind.key;
				return messages.getMessage(key, numbers(key, new Object[] { matcher.group(1) }, locale), locale);
			}
		}
		return subject;
	}

	/**
	 * The arguments the message formats as numbers ("#{0,number,#}" for an id) as
	 * numbers, the others as text.
	 */
	private Object[] numbers(String key, Object[] args, Locale locale) {
		// without arguments the bundle answers the pattern as written
		String pattern = messages.getMessage(key, null, "", locale);
		for (int i = 0; i < args.length; i++) {
			if (args[i] instanceof String text && text.matches("\\d{1,18}") && pattern.contains("{" + i + ",number")) {
				args[i] = Long.valueOf(text);
			}
		}
		return args;
	}

	/** Where the subject can be looked at, or {@code null}. */
	static String link(AuditEvent event) {
		String subject = event.subject();
		if (subject == null) {
			return null;
		}
		for (Subject kind : Subject.values()) {
			Matcher matcher = kind.pattern.matcher(subject);
			if (matcher.matches()) {
				return kind.link(matcher.group(1));
			}
		}
		return event.type() != null && event.type().name().startsWith("USER_") ? "/admin/users" : null;
	}

	private String value(String value, List<String> constants, Locale locale) {
		String whole = constantOrNull(value.strip(), constants, locale);
		if (whole != null) {
			return whole;
		}
		// lists of constants with notes, e.g. "BROKEN_PROMISE (came on Friday);
		// HIDDEN_FEES"
		if (value.matches("^[A-Z][A-Z_]+( \\([^)]*\\))?(; [A-Z][A-Z_]+( \\([^)]*\\))?)*$")) {
			return CONSTANT.matcher(value).replaceAll(match -> {
				String label = constantOrNull(match.group(), constants, locale);
				return Matcher.quoteReplacement(label == null ? match.group() : label);
			});
		}
		return value;
	}

	private String field(String name, Locale locale) {
		String label = label(name, locale);
		return label == null ? name : label;
	}

	private String label(String name, Locale locale) {
		String key = name.strip().replace(' ', '_');
		String label = messages.getMessage("audit.field." + key, null, null, locale);
		if (label == null) {
			label = messages.getMessage("policy.field." + key, null, null, locale);
		}
		return label;
	}

	private String constant(String code, Locale locale) {
		String label = constantOrNull(code, CONSTANTS, locale);
		return label == null ? code : label;
	}

	private String constantOrNull(String code, List<String> prefixes, Locale locale) {
		if (code.isEmpty()) {
			return null;
		}
		for (String prefix : prefixes) {
			String label = messages.getMessage(prefix + code, null, null, locale);
			if (label != null) {
				return label;
			}
		}
		return null;
	}

	private record Sentence(Pattern pattern, String key, boolean constants) {

		Sentence(String pattern, String key, boolean constants) {
			this(Pattern.compile(pattern), key, constants);
		}

	}

	/** The subjects the modules write, with the page that shows each. */
	private enum Subject {

		RECOVERY_CASE("^recovery-case:(\\d+)$", "recoveryCase"), FEEDBACK("^feedback (\\d+)$", "feedback"),
		CUSTOMER("^customer[ :](.+)$", "customer"), IMPORT("^import (\\d+)$", "import"),
		WEBHOOK("^webhook:(\\d+)$", "webhook"), PROMISE("^promise:(\\d+)$", "promise"),
		POLICY("^scoring policy version (\\d+)$", "policy"), RETENTION("^retention version (\\d+)$", "retention"),
		SEGMENT("^segment:(.*)$", "segment");

		private final Pattern pattern;

		private final String key;

		Subject(String pattern, String key) {
			this.pattern = Pattern.compile(pattern);
			this.key = key;
		}

		String link(String id) {
			return switch (this) {
				case RECOVERY_CASE -> "/recovery/" + id;
				case FEEDBACK -> "/feedback/" + id;
				case CUSTOMER ->
					UriComponentsBuilder.fromPath("/customers").queryParam("q", id).encode().build().toUriString();
				case IMPORT -> "/import/" + id;
				case WEBHOOK -> "/admin/webhooks";
				case POLICY -> "/admin/policy";
				case RETENTION -> "/admin/retention";
				case SEGMENT -> UriComponentsBuilder.fromPath("/customers")
					.queryParam("segment", id)
					.encode()
					.build()
					.toUriString();
				case PROMISE -> null;
			};
		}

	}

}
