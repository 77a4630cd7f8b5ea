// Progressive enhancement only: every page works without this file.
'use strict';

// Submit buttons are disabled after the first click so a double click sends a form once.
document.addEventListener('submit', (event) => {
	const form = event.target;
	if (form.dataset.submitting === 'true') {
		event.preventDefault();
		return;
	}
	form.dataset.submitting = 'true';
	form.querySelectorAll('button[type=submit]').forEach((button) => button.setAttribute('aria-disabled', 'true'));
});
