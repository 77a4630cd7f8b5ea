// Live progress of an import job: polls its progress and updates the numbers; reloads the page when the job has
// ended so that the summary and the rejected rows appear. Without JavaScript the page has a refresh link instead.
'use strict';

(() => {
	const page = document.getElementById('import-job');
	if (!page || page.dataset.status !== 'RUNNING') {
		return;
	}
	const url = page.dataset.progressUrl;
	const language = document.documentElement.lang || undefined;
	const whole = new Intl.NumberFormat(language);
	const oneDecimal = new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
	const show = (id, text) => {
		const element = document.getElementById(id);
		if (element) {
			element.textContent = text;
		}
	};

	const poll = async () => {
		try {
			const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
			if (response.ok) {
				const job = await response.json();
				if (job.finished) {
					window.location.reload();
					return;
				}
				document.getElementById('import-progress').value = job.percent;
				show('progress-rows-done', whole.format(job.rowsDone));
				show('progress-rows-total', whole.format(job.totalRows));
				show('progress-percent', oneDecimal.format(job.percent));
				show('summary-imported', whole.format(job.imported));
				show('summary-skipped', whole.format(job.skipped));
				show('summary-rejected', whole.format(job.rejected));
			}
		}
		catch (error) {
			// a lost connection is retried at the next tick; the refresh link still works
		}
		window.setTimeout(poll, 1000);
	};
	window.setTimeout(poll, 500);
})();
