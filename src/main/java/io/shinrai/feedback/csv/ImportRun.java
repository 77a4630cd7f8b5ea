package io.shinrai.feedback.csv;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads one inspected file from start to end and stores it batch by batch: each batch (its stored rows, its
 * rejections and the job's counts) is one transaction, so whatever happens, the job's counts are exactly what was
 * committed. Only the rows of one batch are in memory at a time.
 */
final class ImportRun {

	private static final Logger log = LoggerFactory.getLogger(ImportRun.class);

	private final long importId;

	private final Path file;

	private final CsvFiles.Inspection inspection;

	private final String actor;

	private final Settings settings;

	private final ImportJobs jobs;

	private final ImportBatchWriter writer;

	private final TransactionTemplate transactions;

	/** How imports run, from the configuration. */
	record Settings(ZoneId zone, int batchSize, int maxRecordChars) {
	}

	ImportRun(long importId, Path file, CsvFiles.Inspection inspection, String actor, Settings settings,
			ImportJobs jobs, ImportBatchWriter writer, TransactionTemplate transactions) {
		this.importId = importId;
		this.file = file;
		this.inspection = inspection;
		this.actor = actor;
		this.settings = settings;
		this.jobs = jobs;
		this.writer = writer;
		this.transactions = transactions;
	}

	/**
	 * Processes the whole file.
	 * @return {@code null} when every row was processed, else why the job stopped (the job is not yet marked)
	 */
	Reason process() {
		CsvRowMapper mapper = new CsvRowMapper(inspection.header(), settings.zone(), settings.maxRecordChars());
		List<CsvRowMapper.Result> accepted = new ArrayList<>(settings.batchSize());
		List<Rejection> rejected = new ArrayList<>();
		long firstLine = 0;
		try (CsvRecordReader reader = CsvFiles.open(file, inspection.charset(), settings.maxRecordChars())) {
			CsvRecord record = reader.next();
			while (record != null && record.isBlank()) {
				record = reader.next();
			}
			// that was the header, checked by the inspection
			for (record = reader.next(); record != null; record = reader.next()) {
				if (record.isBlank()) {
					continue;
				}
				if (firstLine == 0) {
					firstLine = record.line();
				}
				CsvRowMapper.Result result = mapper.map(record);
				if (result.rejected()) {
					rejected.add(new Rejection(record.line(), result.reasons(), result.cells()));
				}
				else {
					accepted.add(result);
				}
				if (accepted.size() + rejected.size() >= settings.batchSize()) {
					Reason stop = store(accepted, rejected, firstLine, record.line());
					if (stop != null) {
						return stop;
					}
					accepted.clear();
					rejected.clear();
					firstLine = 0;
				}
			}
			if (!accepted.isEmpty() || !rejected.isEmpty()) {
				return store(accepted, rejected, firstLine, reader.line());
			}
			return null;
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Import {} could not read {}", importId, file, ex);
			return Reason.of("import.failed.read", firstLine == 0 ? "-" : firstLine);
		}
	}

	private Reason store(List<CsvRowMapper.Result> accepted, List<Rejection> rejected, long firstLine, long lastLine) {
		if (Thread.currentThread().isInterrupted()) {
			return Reason.of("import.failed.interrupted", firstLine);
		}
		try {
			Boolean recorded = transactions.execute(status -> {
				ImportBatchWriter.Written written = accepted.isEmpty() ? new ImportBatchWriter.Written(0, 0, List.of())
						: writer.write(accepted, importId, actor);
				List<Rejection> all = new ArrayList<>(rejected);
				all.addAll(written.rejected());
				if (!jobs.recordBatch(importId, written.imported(), written.skipped(), all)) {
					status.setRollbackOnly();
					return false;
				}
				return true;
			});
			return Boolean.TRUE.equals(recorded) ? null : Reason.of("import.failed.stopped", firstLine);
		}
		catch (RuntimeException ex) {
			log.warn("Import {}: the batch of lines {} to {} was not stored", importId, firstLine, lastLine, ex);
			return Reason.of("import.failed.batch", firstLine, lastLine);
		}
	}

}
