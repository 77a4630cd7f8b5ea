package io.shinrai.feedback.csv;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.shinrai.feedback.BatchResult;
import io.shinrai.feedback.ErasedKeys;
import io.shinrai.feedback.FeedbackRules;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.NewFeedback;
import io.shinrai.feedback.Source;
import io.shinrai.feedback.Violation;

import org.springframework.stereotype.Component;

/**
 * Turns the rows of a batch into {@link NewFeedback} commands and stores them with
 * {@link FeedbackLog#logBatch}, which applies the feedback rules (the same as the form's
 * and the API's), finds or creates the customers in bulk and skips rows whose external id
 * or row hash is stored already. Rows without external id get their {@link RowHash};
 * those matching an entry logged through the form or the API (which has no hash) are
 * skipped here.
 */
@Component
class CsvFeedbackWriter implements ImportBatchWriter {

	private final FeedbackLog feedback;

	private final UnkeyedFeedback unkeyed;

	private final ErasedKeys erasedKeys;

	CsvFeedbackWriter(FeedbackLog feedback, UnkeyedFeedback unkeyed, ErasedKeys erasedKeys) {
		this.feedback = feedback;
		this.unkeyed = unkeyed;
		this.erasedKeys = erasedKeys;
	}

	/**
	 * Rows rejected for other reasons still carry their cells into the rejected-rows
	 * download: a row that names an erased customer or entry keeps only its line and the
	 * reason "erased, not imported".
	 */
	@Override
	public List<Rejection> withoutErasedData(List<Rejection> rejected) {
		if (rejected.isEmpty()) {
			return rejected;
		}
		Set<String> cells = new HashSet<>();
		rejected.forEach(rejection -> rejection.cells().stream().filter(cell -> !cell.isEmpty()).forEach(cells::add));
		ErasedKeys.Erased erased = erasedKeys.erased(cells, cells);
		if (erased.customerReferences().isEmpty() && erased.entryKeys().isEmpty()) {
			return rejected;
		}
		return rejected.stream()
			.map(rejection -> rejection.cells()
				.stream()
				.anyMatch(cell -> erased.customerReferences().contains(cell) || erased.entryKeys().contains(cell))
						? erasedRow(rejection.line()) : rejection)
			.toList();
	}

	private static Rejection erasedRow(long line) {
		return new Rejection(line, List.of(Reason.of(ERASED)), List.of());
	}

	/** Reason key of a row of an erased customer or entry; its cells are not kept. */
	static final String ERASED = "import.reason.erased";

	@Override
	public Written write(List<CsvRowMapper.Result> rows, long importId, String actor) {
		List<NewFeedback> entries = new ArrayList<>(rows.size());
		List<NewFeedback> withoutExternalId = new ArrayList<>();
		for (CsvRowMapper.Result result : rows) {
			NewFeedback entry = entry(result.row(), importId, actor);
			entries.add(entry);
			if (entry.externalId() == null && entry.customerRef() != null && entry.receivedAt() != null) {
				withoutExternalId.add(entry);
			}
		}
		Set<String> storedWithoutKey = withoutExternalId.isEmpty() ? Set.of()
				: unkeyed.rowHashesLike(withoutExternalId);
		List<NewFeedback> batch = new ArrayList<>(entries.size());
		List<Integer> positions = new ArrayList<>(entries.size());
		int skipped = 0;
		for (int i = 0; i < entries.size(); i++) {
			NewFeedback entry = entries.get(i);
			if (entry.rowHash() != null && storedWithoutKey.contains(entry.rowHash())) {
				skipped++;
			}
			else {
				batch.add(entry);
				positions.add(i);
			}
		}
		BatchResult result = feedback.logBatch(batch);
		List<Rejection> rejections = new ArrayList<>(result.rejectedCount());
		for (BatchResult.Rejected rejected : result.rejected()) {
			CsvRowMapper.Result row = rows.get(positions.get(rejected.index()));
			if (rejected.violations()
				.stream()
				.anyMatch(violation -> violation.messageKey().equals(FeedbackRules.ERASED))) {
				rejections.add(erasedRow(row.row().line()));
				continue;
			}
			rejections.add(new Rejection(row.row().line(),
					rejected.violations().stream().map(CsvFeedbackWriter::reason).toList(), row.cells()));
		}
		return new Written(result.storedCount(), skipped + result.skippedCount(), rejections);
	}

	static NewFeedback entry(CsvRow row, long importId, String actor) {
		EnumMap<IncidentType, String> incidents = new EnumMap<>(IncidentType.class);
		row.incidents().forEach(type -> incidents.put(type, null));
		NewFeedback entry = new NewFeedback(row.customerRef(), row.customerName(), row.segment(), row.receivedAt(),
				row.channel(), row.category(), new EnumMap<>(row.ratings()), row.nps(), row.csat(), row.ces(),
				incidents, row.comment(), row.externalId(), null, Source.CSV, actor, importId);
		if (entry.externalId() != null) {
			return entry;
		}
		return new NewFeedback(entry.customerRef(), entry.customerName(), entry.segment(), entry.receivedAt(),
				entry.channel(), entry.category(), entry.ratings(), entry.nps(), entry.csat(), entry.ces(),
				entry.incidents(), entry.comment(), null, RowHash.of(entry), Source.CSV, actor, importId);
	}

	/** A broken feedback rule, said for the CSV column it is about ({@code nps: ...}). */
	static Reason reason(Violation violation) {
		List<Object> args = new ArrayList<>();
		args.add(column(violation.field()));
		args.add(violation.messageKey());
		args.addAll(violation.args());
		return Reason.of(RULE, args.toArray());
	}

	/**
	 * Reason key of a broken feedback rule: arguments are the column, the rule's message
	 * key and its arguments.
	 */
	static final String RULE = "import.reason.rule";

	private static String column(String field) {
		return switch (field) {
			case "customerRef" -> CsvColumn.CUSTOMER_REF.header();
			case "customerName" -> CsvColumn.CUSTOMER_NAME.header();
			case "receivedAt" -> CsvColumn.RECEIVED_AT.header();
			case "externalId" -> CsvColumn.EXTERNAL_ID.header();
			// "at least one rating, score or incident" is about the whole row
			case "ratings" -> "";
			default -> {
				if (field.startsWith("ratings.")) {
					yield field.substring("ratings.".length());
				}
				if (field.startsWith("incidents")) {
					yield CsvColumn.INCIDENTS.header();
				}
				yield field;
			}
		};
	}

}
