// Progressive enhancement for the dashboard filters: typing a date selects "custom dates". Without this file the
// form works the same; the server reads given dates as a custom period when no other period is chosen.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
	const period = document.getElementById('period');
	if (!period) {
		return;
	}
	['from', 'to'].forEach((id) => {
		const field = document.getElementById(id);
		if (field) {
			field.addEventListener('change', () => {
				if (field.value) {
					period.value = 'custom';
				}
			});
		}
	});
});
