package io.shinrai.survey;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;

import io.shinrai.feedback.Violation;
import io.shinrai.system.Languages;

/**
 * The public survey page {@code /s/{token}}: no sign-in and no session (see the survey
 * chain in {@code SecurityConfiguration}), in the customer's language, whatever the
 * browser's. Unknown, expired and answered links get a friendly page and change nothing.
 */
@Controller
class SurveyPageController {

	static final String PAGE_VIEW = "survey/page";

	static final String REFUSED_VIEW = "survey/refused";

	/**
	 * Where Spring Security sends a survey post whose CSRF token is missing or stale (see
	 * the survey chain).
	 */
	static final String FORM_EXPIRED_PATH = "/s/-/form-expired";

	private static final String FORM = "answerForm";

	private final SurveyLinks links;

	SurveyPageController(SurveyLinks links) {
		this.links = links;
	}

	@InitBinder(FORM)
	void allowedFields(WebDataBinder binder) {
		binder.setAllowedFields("transparency", "consistency", "communication", "quality", "values", "nps", "csat",
				"ces", "comment");
	}

	@GetMapping("/s/{token}")
	String showSurveyForm(@PathVariable String token, Model model, HttpServletRequest request,
			HttpServletResponse response, CsrfToken csrfToken) {
		SurveyInvitation invitation = links.open(token);
		if (!invitation.isAnswerable()) {
			return refused(invitation.state(), invitation.language(), model, request, response);
		}
		useLanguage(request, invitation.language());
		// the CSRF cookie must be set before the page is written (the response may be
		// committed before the form)
		csrfToken.getToken();
		model.addAttribute(FORM, new SurveyAnswerForm());
		return page(token, invitation, model);
	}

	@PostMapping("/s/{token}")
	String processSurveyForm(@PathVariable String token, @ModelAttribute(FORM) SurveyAnswerForm form,
			BindingResult result, Model model, HttpServletRequest request, HttpServletResponse response) {
		if (!result.hasErrors()) {
			SurveyLinks.AnswerOutcome outcome = links.answer(token, form.toAnswer());
			if (outcome instanceof SurveyLinks.AnswerOutcome.Stored) {
				return "redirect:/s/" + token;
			}
			if (outcome instanceof SurveyLinks.AnswerOutcome.Refused refused) {
				Locale language = refused.state() == null ? null : links.languageOf(token).orElse(null);
				return refused(refused.state(), language, model, request, response);
			}
			for (Violation violation : ((SurveyLinks.AnswerOutcome.Invalid) outcome).violations()) {
				reject(result, violation);
			}
		}
		SurveyInvitation invitation = links.open(token);
		if (!invitation.isAnswerable()) {
			return refused(invitation.state(), invitation.language(), model, request, response);
		}
		useLanguage(request, invitation.language());
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return page(token, invitation, model);
	}

	/**
	 * A survey post without a valid CSRF token (the page was open too long, or the post
	 * came from elsewhere), forwarded here by Spring Security with status 403 set.
	 */
	@RequestMapping(path = FORM_EXPIRED_PATH, method = { RequestMethod.GET, RequestMethod.POST })
	String showFormExpired(Model model, HttpServletRequest request) {
		useLanguage(request, Languages.closest(request.getLocale()));
		model.addAttribute("reason", "formExpired");
		return REFUSED_VIEW;
	}

	private String page(String token, SurveyInvitation invitation, Model model) {
		model.addAttribute("token", token);
		model.addAttribute("invitation", invitation);
		model.addAttribute("ratingScale", range(1, 5));
		model.addAttribute("npsScale", range(0, 10));
		model.addAttribute("csatScale", range(1, 5));
		model.addAttribute("cesScale", range(1, 7));
		model.addAttribute("signals", List.of("transparency", "consistency", "communication", "quality", "values"));
		return PAGE_VIEW;
	}

	private static String refused(SurveyLinkState state, Locale language, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		useLanguage(request, language != null ? language : Languages.closest(request.getLocale()));
		String reason;
		if (state == null) {
			reason = "unknown";
			response.setStatus(HttpStatus.NOT_FOUND.value());
		}
		else if (state == SurveyLinkState.EXPIRED) {
			reason = "expired";
			response.setStatus(HttpStatus.GONE.value());
		}
		else {
			reason = "answered";
		}
		model.addAttribute("reason", reason);
		return REFUSED_VIEW;
	}

	/**
	 * Renders this request in {@code language} without touching the browser's language
	 * cookie: the app's cookie locale resolver takes the locale of the request attribute
	 * it caches the cookie's locale in, and what reads the locale through the request's
	 * resolver gets a fixed one.
	 */
	static void useLanguage(HttpServletRequest request, Locale language) {
		request.setAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME, language);
		request.setAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE, new FixedLocaleResolver(language));
	}

	private static void reject(BindingResult result, Violation violation) {
		String field = violation.field().startsWith("ratings.") ? violation.field().substring("ratings.".length())
				: violation.field();
		String key = violation.messageKey().endsWith(".range") ? "survey.answer.range" : violation.messageKey();
		if (List
			.of("transparency", "consistency", "communication", "quality", "values", "nps", "csat", "ces", "comment")
			.contains(field)) {
			result.rejectValue(field, key, violation.arguments(), null);
		}
		else {
			result.reject(key, violation.arguments(), null);
		}
	}

	private static List<Integer> range(int from, int to) {
		return IntStream.rangeClosed(from, to).boxed().toList();
	}

}
