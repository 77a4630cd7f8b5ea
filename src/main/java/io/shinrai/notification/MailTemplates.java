package io.shinrai.notification;

import io.shinrai.system.OutboundProperties;

import java.util.Locale;
import java.util.Map;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders mails from the Thymeleaf templates {@code mail/NAME.txt} (plain text) and
 * {@code mail/NAME.html}, with the application's messages in the recipient's language.
 * Templates get {@code baseUrl} (from {@code shinrai.base-url}) besides their own
 * variables.
 */
@Component
class MailTemplates {

	private final SpringTemplateEngine engine = new SpringTemplateEngine();

	private final MessageSource messages;

	private final String baseUrl;

	MailTemplates(MessageSource messages, OutboundProperties outbound) {
		this.messages = messages;
		this.baseUrl = outbound.baseUrl();
		engine.addTemplateResolver(resolver("*.txt", TemplateMode.TEXT, 1));
		engine.addTemplateResolver(resolver("*.html", TemplateMode.HTML, 2));
		engine.setTemplateEngineMessageSource(messages);
	}

	private static ClassLoaderTemplateResolver resolver(String pattern, TemplateMode mode, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("mail/");
		resolver.setResolvablePatterns(java.util.Set.of(pattern));
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCheckExistence(true);
		resolver.setOrder(order);
		resolver.setCacheable(true);
		return resolver;
	}

	/** The mail's subject (message {@code subjectKey}), text and HTML. */
	Mail render(String template, Locale locale, String subjectKey, Object[] subjectArgs,
			Map<String, Object> variables) {
		Context context = new Context(locale, variables);
		context.setVariable("baseUrl", baseUrl);
		String subject = messages.getMessage(subjectKey, subjectArgs, locale);
		context.setVariable("subject", subject);
		return new Mail(subject, engine.process(template + ".txt", context).strip() + "\n",
				engine.process(template + ".html", context));
	}

	/** An absolute link to a page of the app. */
	String link(String path) {
		return baseUrl + path;
	}

	record Mail(String subject, String text, String html) {
	}

}
