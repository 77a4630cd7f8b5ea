package io.shinrai.feedback.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.shinrai.audit.AuditLog;
import io.shinrai.audit.AuditType;
import io.shinrai.feedback.FeedbackImportFinished;
import io.shinrai.system.BusinessTime;
import io.shinrai.system.NotFoundException;
import io.shinrai.system.PrivateFiles;

/**
 * CSV imports of feedback (README.md "CSV format"): a file is checked as a whole first
 * (encoding, header, rows) and refused with {@link ImportRefused} before anything is
 * stored; then its rows are stored in batches, in the background ({@link #start}) or in
 * the caller's thread ({@link #run}), with progress and outcome kept in
 * {@code feedback_import}.
 * <p>
 * Background jobs run on this service's own small thread pool
 * ({@code shinrai.import.threads}), so imports never take the threads other work needs. A
 * job whose process dies is marked FAILED once it has been silent for
 * {@code shinrai.import.silence-limit}; its committed batches stay, counted. At start-up,
 * before any request is served, the jobs this instance ({@code shinrai.instance-id}) was
 * running when it stopped are marked FAILED at once.
 * <p>
 * An upload waits in {@code shinrai.import.directory} (0700) as
 * {@code upload-<instance>+*.csv} (0600) while it is checked, then as
 * {@code job-<id>.csv} while its job runs; at start-up the files of jobs no longer
 * running and this instance's leftover uploads are removed.
 */
@Service
public class FeedbackImports implements DisposableBean, SmartInitializingSingleton {

	private static final Pattern JOB_FILE = Pattern.compile("job-(\\d+)\\.csv");

	private static final Logger log = LoggerFactory.getLogger(FeedbackImports.class);

	private final ImportJobs jobs;

	private final ImportBatchWriter writer;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final ImportRun.Settings settings;

	private final Path directory;

	private final Duration silenceLimit;

	private final ThreadPoolTaskExecutor executor;

	private final String instanceId;

	private final ApplicationEventPublisher events;

	FeedbackImports(ImportJobs jobs, ImportBatchWriter writer, AuditLog audit,
			PlatformTransactionManager transactionManager, ApplicationEventPublisher events, BusinessTime businessTime,
			ImportProperties properties, InstanceProperties instance, @Value("${server.port:8080}") int port) {
		this.jobs = jobs;
		this.writer = writer;
		this.audit = audit;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.settings = new ImportRun.Settings(businessTime.zone(), properties.batchSize(),
				CsvRecordReader.DEFAULT_MAX_RECORD_CHARS, properties.writers());
		this.directory = properties.directory();
		this.silenceLimit = properties.silenceLimit();
		String instanceId = instance.instanceId();
		this.instanceId = instanceId.isBlank() ? hostName() + ":" + port : instanceId.strip();
		this.executor = new ThreadPoolTaskExecutor();
		this.executor.setCorePoolSize(properties.threads());
		this.executor.setMaxPoolSize(properties.threads());
		this.executor.setQueueCapacity(properties.queue());
		this.executor.setThreadNamePrefix("import-");
		// on shutdown running jobs are interrupted and record themselves as FAILED before
		// the database goes away
		this.executor.setWaitForTasksToCompleteOnShutdown(false);
		this.executor.setAwaitTerminationSeconds(30);
		this.executor.initialize();
	}

	/**
	 * Starts importing a copy of {@code file} in the background; the caller's file is
	 * left alone.
	 * @param originalName the name the user knows the file by
	 * @param actor who imports (user name)
	 * @return the id of the import job, to follow with {@link #find(long)}
	 * @throws ImportRefused if the file cannot be imported at all; nothing was stored
	 */
	public long start(Path file, String originalName, String actor) {
		try (InputStream in = Files.newInputStream(file)) {
			return start(in, originalName, actor);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts importing the CSV file read from {@code content} (an upload) in the
	 * background. The content is first streamed to a working file, never held in memory.
	 * @return the id of the import job
	 * @throws ImportRefused if the file cannot be imported at all; nothing was stored
	 */
	public long start(InputStream content, String originalName, String actor) {
		Path copy = null;
		try {
			PrivateFiles.createDirectory(directory);
			copy = Files.createTempFile(directory, uploadPrefix(), ".csv",
					PosixFilePermissions.asFileAttribute(PrivateFiles.OWNER_ONLY_FILE));
			// into the file made 0600 (Files.copy with REPLACE_EXISTING would make a new
			// one with the umask's mode)
			try (OutputStream out = Files.newOutputStream(copy, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				content.transferTo(out);
			}
			CsvFiles.Inspection inspection = CsvFiles.inspect(copy, settings.maxRecordChars());
			long id = jobs.create(name(originalName), Files.size(copy), inspection.charset(),
					inspection.header().names(), inspection.rows(), actor, instanceId);
			Path working;
			try {
				// named after its job from now on, so that a start-up can tell whether it
				// is still needed
				working = Files.move(copy, directory.resolve("job-" + id + ".csv"), StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException ex) {
				finish(id, actor, Reason.of("import.failed.unexpected"));
				throw ex;
			}
			copy = working;
			try {
				executor.execute(() -> {
					try {
						process(id, working, inspection, actor);
					}
					finally {
						delete(working);
					}
				});
			}
			catch (TaskRejectedException ex) {
				finish(id, actor, Reason.of("import.failed.busy"));
				throw new ImportRefused("import.refused.busy");
			}
			copy = null;
			return id;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			if (copy != null) {
				delete(copy);
			}
		}
	}

	/**
	 * Imports {@code file} in the calling thread (command line, benchmarks, demo data)
	 * and returns the finished job.
	 * @throws ImportRefused if the file cannot be imported at all; nothing was stored
	 */
	public FeedbackImport run(Path file, String originalName, String actor) {
		try {
			CsvFiles.Inspection inspection = CsvFiles.inspect(file, settings.maxRecordChars());
			long id = jobs.create(name(originalName), Files.size(file), inspection.charset(),
					inspection.header().names(), inspection.rows(), actor, instanceId);
			process(id, file, inspection, actor);
			return get(id);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Optional<FeedbackImport> find(long id) {
		return jobs.find(id);
	}

	public FeedbackImport get(long id) {
		return jobs.find(id).orElseThrow(() -> new NotFoundException("import " + id));
	}

	/** Imports, newest first. */
	public List<FeedbackImport> history(int page, int size) {
		return jobs.history(page * size, size);
	}

	public long count() {
		return jobs.count();
	}

	/**
	 * Whether an import is being stored now, by this or another instance. Background work
	 * that can wait (counting comment terms) waits for it: on a small machine both
	 * compete for the same cores, and the import is what a user is waiting for.
	 */
	public boolean anyRunning() {
		return jobs.anyAliveWithin(silenceLimit);
	}

	/**
	 * At start-up, before requests are served: marks FAILED the jobs this instance was
	 * running when it stopped (none of them can be running now), and removes the working
	 * files of jobs that no longer run.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		failJobsOfPreviousRun();
		removeStaleWorkingFiles();
	}

	void failJobsOfPreviousRun() {
		for (FeedbackImport job : jobs.runningOf(instanceId)) {
			log.warn("Import {} was running when this instance ({}) stopped: marking it FAILED", job.id(), instanceId);
			finish(job.id(), job.startedBy(), Reason.of("import.failed.restarted", job.rowsDone()));
		}
	}

	void removeStaleWorkingFiles() {
		try {
			PrivateFiles.createDirectory(directory);
			try (Stream<Path> files = Files.list(directory)) {
				for (Path file : files.toList()) {
					String name = file.getFileName().toString();
					Matcher job = JOB_FILE.matcher(name);
					if ((job.matches() && !jobs.running(Long.parseLong(job.group(1))))
							|| (name.startsWith(uploadPrefix()) && name.endsWith(".csv"))) {
						log.info("Removing the import working file {} left by a stopped import", file);
						delete(file);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not prepare the import directory " + directory, ex);
		}
	}

	/** The application instance running this service's jobs. */
	String instanceId() {
		return instanceId;
	}

	/** Uploads being checked by this instance; none of them survives a restart. */
	private String uploadPrefix() {
		return "upload-" + instanceId.replaceAll("[^A-Za-z0-9_.-]", "_") + "+";
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

	/**
	 * Marks jobs whose process died (no sign of life for the silence limit) as FAILED.
	 */
	@Scheduled(fixedDelayString = "${shinrai.import.check-interval}",
			initialDelayString = "${shinrai.import.check-interval}")
	public void failSilentJobs() {
		for (FeedbackImport job : jobs.silentFor(silenceLimit)) {
			log.warn("Import {} gave no sign of life for {}: marking it FAILED", job.id(), silenceLimit);
			finish(job.id(), job.startedBy(), Reason.of("import.failed.silent", job.rowsDone()));
		}
	}

	private void process(long id, Path file, CsvFiles.Inspection inspection, String actor) {
		Reason failure;
		try {
			failure = new ImportRun(id, file, inspection, actor, settings, jobs, writer, transactions).process();
		}
		catch (RuntimeException | Error ex) {
			log.error("Import {} stopped unexpectedly", id, ex);
			failure = Reason.of("import.failed.unexpected");
		}
		// an interrupted thread (shutdown) could not get a connection to record how the
		// job ended
		boolean interrupted = Thread.interrupted();
		try {
			finish(id, actor, failure);
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Ends a job: COMPLETED without a failure, else FAILED with it; audited either way.
	 */
	private void finish(long id, String actor, Reason failure) {
		transactions.executeWithoutResult(status -> {
			if (failure == null) {
				jobs.complete(id);
			}
			else if (!jobs.fail(id, failure)) {
				return;
			}
			FeedbackImport job = jobs.find(id).orElseThrow();
			audit.record(actor, failure == null ? AuditType.IMPORT_COMPLETED : AuditType.IMPORT_FAILED, "import " + id,
					String.format("%s: %d rows, %d imported, %d skipped as already imported, %d rejected%s",
							job.fileName(), job.rowsDone(), job.imported(), job.skipped(), job.rejected(),
							failure == null ? "" : "; stopped: " + failure.key() + " " + failure.args()));
			events.publishEvent(new FeedbackImportFinished(id, job.fileName(), actor, failure == null, job.imported()));
		});
	}

	private static String name(String originalName) {
		String name = originalName == null || originalName.isBlank() ? "upload.csv" : originalName.strip();
		// browsers of old sent the whole client path
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		return name.length() <= 255 ? name : name.substring(0, 255);
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not delete the import's working file {}", file, ex);
		}
	}

	@Override
	public void destroy() {
		executor.shutdown();
	}

}
