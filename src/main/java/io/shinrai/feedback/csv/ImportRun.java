package io.shinrai.feedback.csv;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads one inspected file from start to end and stores it batch by batch: each batch
 * (its stored rows, its rejections and the job's counts) is one transaction, so whatever
 * happens, the job's counts are exactly what was committed. While {@code writers} batches
 * are being stored, each by a thread of its own, the next one is read; so at most
 * {@code writers + 1} batches are in memory at a time. When a batch fails, no further
 * batch starts; the batches already being stored finish (and are counted), and the job
 * reports the first failed batch.
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
	record Settings(ZoneId zone, int batchSize, int maxRecordChars, int writers) {
	}

	/**
	 * How often a batch that lost a deadlock against a concurrent batch is tried again.
	 */
	private static final int DEADLOCK_RETRIES = 3;

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
	 * @return {@code null} when every row was processed, else why the job stopped (the
	 * job is not yet marked)
	 */
	Reason process() {
		CsvRowMapper mapper = new CsvRowMapper(inspection.header(), settings.zone(), settings.maxRecordChars());
		List<CsvRowMapper.Result> accepted = new ArrayList<>(settings.batchSize());
		List<Rejection> rejected = new ArrayList<>();
		long firstLine = 0;
		try (Writers writers = new Writers(settings.writers());
				CsvRecordReader reader = CsvFiles.open(file, inspection.charset(), settings.maxRecordChars())) {
			try {
				CsvRecord record = reader.next();
				while (record != null && record.isBlank()) {
					record = reader.next();
				}
				// that was the header, checked by the inspection
				for (record = reader.next(); record != null; record = reader.next()) {
					if (record.isBlank()
							|| (record.problem() == null && inspection.header().hasNoData(record.cells()))) {
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
						if (!writers.submit(accepted, rejected, firstLine, record.line())) {
							return writers.finish();
						}
						accepted = new ArrayList<>(settings.batchSize());
						rejected = new ArrayList<>();
						firstLine = 0;
					}
				}
				if (!accepted.isEmpty() || !rejected.isEmpty()) {
					writers.submit(accepted, rejected, firstLine, reader.line());
				}
				return writers.finish();
			}
			catch (IOException | RuntimeException ex) {
				log.warn("Import {} could not read {}", importId, file, ex);
				Reason stored = writers.finish();
				return (stored != null) ? stored : Reason.of("import.failed.read", firstLine == 0 ? "-" : firstLine);
			}
		}
		catch (IOException ex) {
			log.warn("Import {} could not read {}", importId, file, ex);
			return Reason.of("import.failed.read", "-");
		}
	}

	/** Stores batches on threads of their own, at most {@code count} at a time. */
	private final class Writers implements AutoCloseable {

		private final ExecutorService threads;

		private final Semaphore free;

		/** Why each failed batch failed, by its first line. */
		private final SortedMap<Long, Reason> failures = new ConcurrentSkipListMap<>();

		private final List<Future<?>> running = new ArrayList<>();

		Writers(int count) {
			AtomicInteger number = new AtomicInteger();
			this.threads = Executors.newFixedThreadPool(count, task -> {
				Thread thread = new Thread(task, "import-" + importId + "-writer-" + number.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			});
			this.free = new Semaphore(count);
		}

		/**
		 * Hands a batch to the next free writer, waiting for one.
		 * @return false when no more batches should be submitted: one failed, or the run
		 * was interrupted
		 */
		boolean submit(List<CsvRowMapper.Result> accepted, List<Rejection> rejected, long firstLine, long lastLine) {
			try {
				free.acquire();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				failures.putIfAbsent(firstLine, Reason.of("import.failed.interrupted", firstLine));
				return false;
			}
			if (!failures.isEmpty()) {
				free.release();
				return false;
			}
			running.add(threads.submit(() -> {
				try {
					Reason failure = store(accepted, rejected, firstLine, lastLine);
					if (failure != null) {
						failures.put(firstLine, failure);
					}
				}
				finally {
					free.release();
				}
			}));
			return true;
		}

		/**
		 * Waits for the batches being stored; returns why the first failed batch failed,
		 * or null.
		 */
		Reason finish() {
			for (Future<?> batch : running) {
				try {
					batch.get();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					threads.shutdownNow();
					return failures.isEmpty() ? Reason.of("import.failed.interrupted", "-")
							: failures.get(failures.firstKey());
				}
				catch (ExecutionException ex) {
					throw new IllegalStateException("A batch writer failed unexpectedly", ex.getCause());
				}
			}
			running.clear();
			return failures.isEmpty() ? null : failures.get(failures.firstKey());
		}

		@Override
		public void close() {
			threads.shutdownNow();
		}

	}

	private Reason store(List<CsvRowMapper.Result> accepted, List<Rejection> rejected, long firstLine, long lastLine) {
		if (Thread.currentThread().isInterrupted()) {
			return Reason.of("import.failed.interrupted", firstLine);
		}
		for (int attempt = 0;; attempt++) {
			try {
				ImportJobs.Counts recorded = transactions.execute(status -> {
					ImportBatchWriter.Written written = accepted.isEmpty()
							? new ImportBatchWriter.Written(0, 0, List.of()) : writer.write(accepted, importId, actor);
					List<Rejection> all = new ArrayList<>(writer.withoutErasedData(rejected));
					all.addAll(written.rejected());
					Optional<ImportJobs.Counts> counts = jobs.recordBatch(importId, written.imported(),
							written.skipped(), all);
					if (counts.isEmpty()) {
						status.setRollbackOnly();
					}
					return counts.orElse(null);
				});
				if (recorded == null) {
					return Reason.of("import.failed.stopped", firstLine);
				}
				// a file of mostly junk stops here, keeping what was stored, rather than
				// filling the database
				return jobs.limits().mostlyRejected(recorded)
						? Reason.of("import.failed.mostlyRejected", recorded.rejected(), recorded.rowsDone(), lastLine)
						: null;
			}
			catch (PessimisticLockingFailureException ex) {
				// a deadlock with a concurrent batch or request: this batch was rolled
				// back whole, so it can go again
				if (attempt >= DEADLOCK_RETRIES) {
					log.warn("Import {}: the batch of lines {} to {} kept deadlocking ({})", importId, firstLine,
							lastLine, ex.getClass().getName());
					return Reason.of("import.failed.batch", firstLine, lastLine);
				}
			}
			catch (RuntimeException ex) {
				// the class only: database messages may quote the row's values, which are
				// personal data
				log.warn("Import {}: the batch of lines {} to {} was not stored ({})", importId, firstLine, lastLine,
						ex.getClass().getName());
				return Reason.of("import.failed.batch", firstLine, lastLine);
			}
		}
	}

}
