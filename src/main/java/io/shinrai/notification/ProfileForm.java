package io.shinrai.notification;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.shinrai.account.AccountRules;
import io.shinrai.notification.NotificationType.Choice;

/**
 * The profile page: the user's email address and which notifications they get in the app
 * and by mail.
 */
class ProfileForm {

	@Size(max = 254)
	@Pattern(regexp = "|" + AccountRules.EMAIL_PATTERN)
	private String email;

	private Set<NotificationType> inApp = EnumSet.noneOf(NotificationType.class);

	private Set<NotificationType> byMail = EnumSet.noneOf(NotificationType.class);

	static ProfileForm of(String email, Map<NotificationType, Choice> choices) {
		ProfileForm form = new ProfileForm();
		form.email = email;
		choices.forEach((type, choice) -> {
			if (choice.inApp()) {
				form.inApp.add(type);
			}
			if (choice.email()) {
				form.byMail.add(type);
			}
		});
		return form;
	}

	/** The choices for the types offered. */
	Map<NotificationType, Choice> choices(Set<NotificationType> offered) {
		Map<NotificationType, Choice> choices = new java.util.EnumMap<>(NotificationType.class);
		for (NotificationType type : offered) {
			choices.put(type, new Choice(inApp.contains(type), byMail.contains(type)));
		}
		return choices;
	}

	public String getEmail() {
		return email;
	}

	public void setEmail(String email) {
		this.email = email == null ? null : email.strip();
	}

	public Set<NotificationType> getInApp() {
		return inApp;
	}

	public void setInApp(Set<NotificationType> inApp) {
		this.inApp = inApp == null || inApp.isEmpty() ? EnumSet.noneOf(NotificationType.class) : EnumSet.copyOf(inApp);
	}

	public Set<NotificationType> getByMail() {
		return byMail;
	}

	public void setByMail(Set<NotificationType> byMail) {
		this.byMail = byMail == null || byMail.isEmpty() ? EnumSet.noneOf(NotificationType.class)
				: EnumSet.copyOf(byMail);
	}

}
