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

// On the answer to a form post the language links would lose what was typed: post the same form again, with the
// chosen language, to the address it was posted to (the link itself leads to the form's page without it).
document.querySelectorAll('a[data-resubmit]').forEach((link) => link.addEventListener('click', (event) => {
	const target = link.dataset.resubmit;
	const samePath = (address) => address !== null && new URL(address, window.location.href).pathname === target;
	const button = Array.from(document.querySelectorAll('#main button[formaction]'))
		.find((candidate) => candidate.form && samePath(candidate.getAttribute('formaction')));
	const form = button ? button.form : Array.from(document.querySelectorAll('#main form'))
		.find((candidate) => candidate.method === 'post' && samePath(candidate.getAttribute('action')));
	if (!form) {
		return;
	}
	event.preventDefault();
	const language = document.createElement('input');
	language.type = 'hidden';
	language.name = 'lang';
	language.value = link.getAttribute('hreflang');
	form.appendChild(language);
	form.setAttribute('action', target);
	HTMLFormElement.prototype.submit.call(form);
}));
