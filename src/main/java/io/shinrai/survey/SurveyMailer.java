package io.shinrai.survey;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import io.shinrai.notification.Mailer;
import io.shinrai.system.BusinessTime;
import io.shinrai.system.OutboundProperties;

/**
 * E-mails a survey link to the customer in the customer's language, as text and HTML
 * ({@code templates/mail/
 * survey-link.txt|html}), through the notification module's {@link Mailer}: the mail is
 * queued in the caller's transaction (so it goes out exactly when the link exists) and
 * sent, with retries, by the mail dispatcher. Mail is configured when a mail server is
 * ({@code spring.mail.host}) and {@code shinrai.mail.from} is set; otherwise nothing is
 * offered.
 */
@Component
class SurveyMailer {

	private final Mailer mailer;

	private final String from;

	private final ZoneId zone;

	private final SpringTemplateEngine templates = new SpringTemplateEngine();

	SurveyMailer(Mailer mailer, MessageSource messages, OutboundProperties outbound, BusinessTime businessTime) {
		this.mailer = mailer;
		this.from = outbound.mail().from().strip();
		this.zone = businessTime.zone();
		// SpringTemplateEngine: expressions in SpEL, as in every template of the app
		// (OGNL is not on the class path)
		templates.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 1));
		templates.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 2));
		templates.setTemplateEngineMessageSource(messages);
	}

	boolean isConfigured() {
		return !from.isEmpty() && mailer.isEnabled();
	}

	/**
	 * Queues the mail with the link to {@code to}, once per link.
	 * @return {@code false} when mail is not configured (nothing queued)
	 */
	boolean send(IssuedLink link, String to, String greetingName, Locale language) {
		if (!isConfigured()) {
			return false;
		}
		Context context = new Context(language,
				Map.of("name", greetingName, "url", link.url(), "aboutCase", link.caseId() != null, "expiresAt",
						DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(link.expiresAt().atZone(zone))));
		String text = templates.process("survey-link.txt", context);
		String html = templates.process("survey-link.html", context);
		String subject = templates.process("survey-link-subject.txt", context).strip();
		return mailer.send(to, subject, text, html, "survey-link-" + link.id());
	}

	private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/mail/");
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setResolvablePatterns(java.util.Set.of("*" + suffix));
		resolver.setOrder(order);
		resolver.setCheckExistence(true);
		return resolver;
	}

}
