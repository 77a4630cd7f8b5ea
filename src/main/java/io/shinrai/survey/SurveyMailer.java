package io.shinrai.survey;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.messageresolver.SpringMessageResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import io.shinrai.system.BusinessTime;
import io.shinrai.system.OutboundProperties;

/**
 * E-mails a survey link to the customer in the customer's language, as text and HTML ({@code templates/mail/
 * survey-link.txt|html}) from {@code shinrai.mail.from}. Mail is configured when Spring Boot has a
 * {@link JavaMailSender} ({@code spring.mail.host}); otherwise nothing is offered.
 */
@Component
class SurveyMailer {

	private final ObjectProvider<JavaMailSender> senders;

	private final String from;

	private final ZoneId zone;

	private final TemplateEngine templates;

	SurveyMailer(ObjectProvider<JavaMailSender> senders, MessageSource messages,
			OutboundProperties outbound, BusinessTime businessTime) {
		this.senders = senders;
		this.from = outbound.mail().from().strip();
		this.zone = businessTime.zone();
		this.templates = new TemplateEngine();
		templates.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 1));
		templates.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 2));
		SpringMessageResolver messageResolver = new SpringMessageResolver();
		messageResolver.setMessageSource(messages);
		templates.setMessageResolver(messageResolver);
	}

	boolean isConfigured() {
		return senders.getIfAvailable() != null;
	}

	/**
	 * Sends the link to {@code to}.
	 * @throws MailException when the mail server refuses or cannot be reached
	 * @throws IllegalStateException when mail is not configured
	 */
	void send(IssuedLink link, String to, String greetingName, Locale language, boolean aboutCase) {
		JavaMailSender sender = senders.getIfAvailable();
		if (sender == null) {
			throw new IllegalStateException("mail is not configured");
		}
		Context context = new Context(language, Map.of("name", greetingName, "url", link.url(), "aboutCase", aboutCase,
				"expiresAt", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(link.expiresAt().atZone(zone))));
		String text = templates.process("survey-link.txt", context);
		String html = templates.process("survey-link.html", context);
		String subject = templates.process("survey-link-subject.txt", context).strip();
		MimeMessage message = sender.createMimeMessage();
		try {
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(from);
			helper.setTo(to);
			helper.setSubject(subject);
			helper.setText(text, html);
		}
		catch (MessagingException ex) {
			throw new IllegalArgumentException("cannot address a mail to " + to, ex);
		}
		sender.send(message);
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
