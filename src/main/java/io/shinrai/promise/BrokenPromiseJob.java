package io.shinrai.promise;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Breaks the open promises past their due time, each in a transaction of its own
 * ({@link Promises#breakIfOverdue}): one BROKEN_PROMISE entry per promise, exactly once.
 * The ShedLock lock keeps instances from running the job at the same time; should two
 * runs meet anyway (a lock held past its time), the claim of the promise row still lets
 * only one of them log the entry.
 */
@Component
class BrokenPromiseJob {

	static final String LOCK_NAME = "promise-broken-check";

	static final int BATCH = 200;

	private static final Logger log = LoggerFactory.getLogger(BrokenPromiseJob.class);

	private final Promises promises;

	/** Takes its settings so that they are checked before the scheduler reads them. */
	BrokenPromiseJob(Promises promises, PromiseProperties properties) {
		this.promises = promises;
	}

	@Scheduled(cron = "${shinrai.promise.broken-check.cron}")
	@SchedulerLock(name = LOCK_NAME, lockAtMostFor = "${shinrai.promise.broken-check.lock-at-most-for}",
			lockAtLeastFor = "${shinrai.promise.broken-check.lock-at-least-for}")
	public void breakOverduePromises() {
		int broken = run();
		if (broken > 0) {
			log.info("Promises past their due time marked broken: {}", broken);
		}
	}

	/** One pass over every overdue promise; the number this pass broke. */
	int run() {
		int broken = 0;
		while (true) {
			var ids = promises.overdueIds(BATCH);
			int before = broken;
			for (long id : ids) {
				try {
					if (promises.breakIfOverdue(id)) {
						broken++;
					}
				}
				catch (RuntimeException ex) {
					// one promise that cannot be logged (e.g. its customer was erased)
					// must not stop the others
					log.error("Promise {} could not be marked broken", id, ex);
				}
			}
			if (ids.size() < BATCH || broken == before) {
				return broken;
			}
		}
	}

}
