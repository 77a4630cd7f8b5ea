package io.shinrai.account;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.shinrai.system.LanguageChosen;

/** Remembers the language a signed-in user picks, for their next session. */
@Component
class LanguagePreference {

	private final UserAccounts accounts;

	LanguagePreference(UserAccounts accounts) {
		this.accounts = accounts;
	}

	@EventListener
	void on(LanguageChosen event) {
		accounts.rememberLocale(event.username(), event.locale());
	}

}
