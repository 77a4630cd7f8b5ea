// Progressive enhancement of the feedback form: every part of it works without this file.
'use strict';

(() => {
	const form = document.querySelector('form.feedback-form');
	if (!form) {
		return;
	}

	// Typing an explanation ticks its incident.
	form.querySelectorAll('.incident-note').forEach((note) => {
		note.addEventListener('input', () => {
			const box = note.closest('.incident').querySelector('input[type=checkbox]');
			if (note.value.trim() !== '' && box) {
				box.checked = true;
			}
		});
	});

	// Characters left in the comment.
	const comment = form.querySelector('#comment');
	const count = document.getElementById('comment-count');
	if (comment && count) {
		const max = Number(count.dataset.max);
		const show = () => {
			const length = [...comment.value].length;
			count.textContent = count.dataset.template.replace('{0}', length.toLocaleString()).replace('{1}', max.toLocaleString());
			count.classList.toggle('text-danger', length > max);
		};
		comment.addEventListener('input', show);
		show();
	}

	// Customer picker: suggestions while typing, and whether the reference is known.
	const reference = form.querySelector('#customerRef');
	const options = document.getElementById('customer-options');
	const match = document.getElementById('customer-match');
	if (!reference || !options || !match) {
		return;
	}
	let timer;
	let latest = '';
	// as the server stores it: Ｃ－０００００２ from a Japanese keyboard is C-000002
	const typedReference = () => reference.value.normalize('NFKC').trim();
	const describe = (customers) => {
		const typed = typedReference();
		if (typed === '') {
			match.textContent = '';
			return;
		}
		const found = customers.find((customer) => customer.reference === typed);
		match.textContent = found ? match.dataset.existing.replace('{0}', found.name) : match.dataset.new;
	};
	const lookUp = async () => {
		const typed = typedReference();
		latest = typed;
		if (typed === '') {
			describe([]);
			return;
		}
		try {
			const response = await fetch(`${form.action.replace(/\/feedback(\/\d+)?$/, '')}/customers/suggestions?q=${encodeURIComponent(typed)}`,
				{ headers: { Accept: 'application/json' }, credentials: 'same-origin' });
			if (!response.ok || latest !== typed) {
				return;
			}
			const customers = await response.json();
			options.replaceChildren(...customers.map((customer) => {
				const option = document.createElement('option');
				option.value = customer.reference;
				option.label = customer.name;
				return option;
			}));
			describe(customers);
		}
		catch (error) {
			// suggestions are a convenience; the server checks the reference on submit
		}
	};
	reference.addEventListener('input', () => {
		clearTimeout(timer);
		timer = setTimeout(lookUp, 200);
	});
	if (reference.value.trim() !== '') {
		lookUp();
	}
})();
