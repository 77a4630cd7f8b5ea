package io.shinrai.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.NewFeedback;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.Source;
import io.shinrai.feedback.StoredFeedback;
import io.shinrai.feedback.csv.FeedbackImport;
import io.shinrai.feedback.csv.FeedbackImports;

/**
 * A customer with personal data in every place docs/privacy.md lists, stored through the
 * real capture paths: a CSV import (with external ids, one row without, one rejected row
 * naming the customer), an entry from the form with an incident explanation, a correction
 * (audited with before and after), and a negative entry that opens a recovery case. Each
 * fixture has its own reference, name, segment and marker words, so tests can search for
 * exactly them.
 */
final class PrivacyFixtures {

	static final String HEADER = "external_id,customer_ref,customer_name,segment,received_at,channel,category,"
			+ "transparency,consistency,communication,quality,values,nps,csat,ces,incidents,comment\n";

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	final String reference = "PRIV-" + tag;

	final String name = "山田 花子 Hanako Yamada " + tag;

	final String segment = "Privacy-" + tag;

	final String email = "hanako." + tag + "@example.jp";

	final String japaneseComment = "配送が三日も遅れて困りました" + tag;

	final String englishComment = "The delivery was three days late " + tag;

	final String incidentNote = "Promised callback never came " + tag;

	final String correctedComment = "Corrected words of the customer " + tag;

	final String rejectedMarker = "rejected-" + tag;

	/** Every string the erasure must remove everywhere. */
	List<String> personalStrings() {
		return List.of(reference, name, email, japaneseComment, englishComment, incidentNote, correctedComment,
				rejectedMarker, "EXT-" + tag);
	}

	/**
	 * Recent enough for the negative entry to open a recovery case (inside the risk
	 * window).
	 */
	private final Instant base = Instant.now()
		.minus(java.time.Duration.ofDays(20))
		.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

	private String at(int day) {
		return base.plus(java.time.Duration.ofDays(day)).toString();
	}

	String csv() {
		return HEADER + "EXT-" + tag + "-1," + reference + "," + name + "," + segment + "," + at(0)
				+ ",EMAIL,SERVICE,2,1,2,3,2,3,2,3,BROKEN_PROMISE," + japaneseComment + "\n" + "EXT-" + tag + "-2,"
				+ reference + "," + name + "," + segment + "," + at(1) + ",PHONE,PRODUCT,4,4,5,4,4,9,5,6,,"
				+ englishComment + "\n" + "," + reference + "," + name + "," + segment + "," + at(2)
				+ ",CHAT,SERVICE,5,5,4,5,5,10,5,7,,no key " + tag + "\n" + "EXT-" + tag + "-bad," + reference + ","
				+ name + "," + segment + "," + at(3) + ",CHAT,SERVICE,9,5,4,5,5,10,5,7,," + rejectedMarker + "\n";
	}

	Path csvFile(Path directory) {
		try {
			Path file = directory.resolve("privacy-" + tag + ".csv");
			Files.writeString(file, csv(), StandardCharsets.UTF_8);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Stores the customer's data and returns the customer id. */
	long store(FeedbackImports imports, FeedbackLog feedback, Path directory, String actor) {
		FeedbackImport job = imports.run(csvFile(directory), "privacy-" + tag + ".csv", actor);
		if (job.imported() != 3 || job.rejected() != 1) {
			throw new IllegalStateException("fixture import: " + job);
		}
		StoredFeedback formEntry = feedback.log(NewFeedback.builder()
			.customer(reference, null, null)
			.receivedAt(base.plus(java.time.Duration.ofDays(4)))
			.channel(Channel.PHONE)
			.category(Category.SERVICE)
			.rating(Signal.COMMUNICATION, 1)
			.incident(IncidentType.IGNORED_FEEDBACK, incidentNote)
			.comment("first words " + tag)
			.source(Source.FORM)
			.loggedBy(actor)
			.build());
		NewFeedback corrected = NewFeedback.builder()
			.customer(reference, null, null)
			.receivedAt(formEntry.receivedAt())
			.channel(Channel.PHONE)
			.category(Category.SERVICE)
			.rating(Signal.COMMUNICATION, 1)
			.incident(IncidentType.IGNORED_FEEDBACK, incidentNote)
			.comment(correctedComment)
			.source(Source.FORM)
			.loggedBy(actor)
			.build();
		feedback.correct(formEntry.id(), corrected, formEntry.version(), actor);
		return formEntry.customerId();
	}

	/**
	 * Every row of the public tables whose text contains one of the strings: what an
	 * erasure must leave none of.
	 */
	static List<String> rowsContaining(JdbcClient jdbc, List<String> needles) {
		List<String> tables = jdbc.sql("""
				select table_name from information_schema.tables
				where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'
				""").query(String.class).list();
		List<String> found = new ArrayList<>();
		for (String table : tables) {
			for (String needle : needles) {
				List<String> rows = jdbc.sql("select t::text from " + table + " t where strpos(t::text, ?) > 0 limit 3")
					.param(needle)
					.query(String.class)
					.list();
				rows.forEach(row -> found.add(table + " has '" + needle + "': " + row));
			}
		}
		return found;
	}

}
