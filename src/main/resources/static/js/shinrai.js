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
