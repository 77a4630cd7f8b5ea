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

// A form shown again with errors: the keyboard and the screen reader start at the summary of what to fix; a refused
// action or filter without a form summary (data-refusal) starts at its message the same way.
const errorSummary = document.getElementById('error-summary') || document.querySelector('[data-refusal]');
if (errorSummary) {
	errorSummary.focus();
}
// The navigation's disclosure menus (<details class="nav-menu">) open and close without this; it only closes an open
// one on Escape (focus back on its summary) or on a click outside it, as a menu is expected to.
document.addEventListener('keydown', (event) => {
	if (event.key !== 'Escape') {
		return;
	}
	document.querySelectorAll('details.nav-menu[open]').forEach((menu) => {
		menu.open = false;
		menu.querySelector('summary').focus();
	});
});
document.addEventListener('click', (event) => {
	document.querySelectorAll('details.nav-menu[open]').forEach((menu) => {
		if (!menu.contains(event.target)) {
			menu.open = false;
		}
	});
});

// Filters fold away on a phone: they come open (so they work without JavaScript) and are folded here on a narrow
// screen, unless they hold an error to fix or a filter is set (the list is narrowed: its summary says by how many
// filters, and the fold stays open so the reader sees which); on a wider screen (a rotated tablet too) they are open,
// their summary hidden. A control is set when it differs from its default: data-default where the page gives one,
// else the first option of a select, an unticked box, an empty field. data-fold-ignore marks what does not narrow
// the list (the sort order).
const isSet = (control) => {
	if (control.type === 'hidden' || control.disabled || control.hasAttribute('data-fold-ignore') || !control.name) {
		return false;
	}
	if (control.type === 'checkbox' || control.type === 'radio') {
		return control.checked;
	}
	const initial = control.dataset.default
		?? (control.tagName === 'SELECT' ? (control.options[0] ? control.options[0].value : '') : '');
	return control.value !== '' && control.value !== initial;
};
const setFilters = (fold) => Array.from(fold.querySelectorAll('input, select')).filter(isSet).length;
document.querySelectorAll('details.filter-fold > summary[data-active-label]').forEach((summary) => {
	const set = setFilters(summary.parentElement);
	if (set > 0) {
		summary.textContent = summary.dataset.activeLabel.replace('{0}', set);
	}
});
const wideScreen = window.matchMedia('(min-width: 768px)');
const foldFilters = () => document.querySelectorAll('details.filter-fold').forEach((fold) => {
	fold.open = wideScreen.matches || fold.querySelector('.is-invalid, .alert') !== null || setFilters(fold) > 0;
});
foldFilters();
wideScreen.addEventListener('change', foldFilters);
