package io.shinrai.recovery;

import java.security.Principal;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.data.domain.Page;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.shinrai.account.UserAccount;
import io.shinrai.account.UserAccounts;
import io.shinrai.system.BusinessTime;
import io.shinrai.system.PageNav;
import io.shinrai.system.PageParameter;
import io.shinrai.system.ReplicaReads;
import io.shinrai.system.SegmentScope;

/**
 * The recovery board and the case page. Everyone signed in reads them; managers act (see
 * SecurityConfiguration).
 */
@Controller
class RecoveryController {

	static final String BOARD_VIEW = "recovery/board";

	static final String CASE_VIEW = "recovery/case";

	private final RecoveryCases cases;

	private final RecoveryMeasures measures;

	private final UserAccounts accounts;

	private final ZoneId zone;

	RecoveryController(RecoveryCases cases, RecoveryMeasures measures, UserAccounts accounts,
			BusinessTime businessTime) {
		this.cases = cases;
		this.measures = measures;
		this.accounts = accounts;
		this.zone = businessTime.zone();
	}

	@ModelAttribute("zone")
	ZoneId zone() {
		return zone;
	}

	@GetMapping("/recovery")
	@ReplicaReads
	String showBoard(@ModelAttribute("filter") BoardFilter filter, Principal principal, Model model,
			HttpServletResponse response, SegmentScope scope) {
		String typedPage = filter.getPage();
		filter.normalise();
		if (filter.invalid().contains("page")) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("failure", PageParameter.INVALID);
			model.addAttribute("failureArgs", new Object[] { typedPage });
		}
		CaseSearch search = filter.toSearch(principal.getName()).within(scope);
		Page<BoardRow> page = cases.board(search);
		if (page.getNumber() >= page.getTotalPages() && page.getTotalPages() > 0) {
			// beyond the last page: show the last one rather than "page 999 of 13"
			page = cases.board(search.onPage(page.getTotalPages() - 1));
		}
		model.addAttribute("page", page);
		model.addAttribute("pages",
				PageNav.of(page.getNumber() + 1, Math.max(1, page.getTotalPages()), n -> filter.with("page", n)));
		model.addAttribute("measures", measures.current(scope));
		model.addAttribute("owners", ownerNames());
		model.addAttribute("tabs", BoardFilter.TABS);
		model.addAttribute("statuses", RecoveryStatus.values());
		model.addAttribute("boardUrl", filter.with("page", page.getNumber() + 1));
		return BOARD_VIEW;
	}

	/**
	 * Hands the ticked cases to one manager; all or none, back to the same board with
	 * what happened.
	 */
	@PostMapping("/recovery/assign")
	String processBulkAssignForm(BulkAssignForm form, Principal principal, RedirectAttributes redirect,
			SegmentScope scope) {
		Map<Long, Long> versions = form.versions();
		try {
			if (versions == null) {
				throw new CaseRefusedException.NothingSelected();
			}
			// a case outside the user's segments is not there for them: 404, nothing
			// assigned
			versions.keySet().forEach(id -> cases.requireVisible(id, scope));
			int changed = cases.assignAll(versions, form.getOwner(), principal.getName());
			redirect.addFlashAttribute("success", "recovery.bulk.assigned");
			redirect.addFlashAttribute("successArgs", new Object[] { changed, versions.size() });
		}
		catch (CaseRefusedException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
			redirect.addFlashAttribute("failureArgs", ex.messageArgs());
		}
		return "redirect:" + form.backOrBoard();
	}

	@GetMapping("/recovery/{id:\\d+}")
	String showCase(@PathVariable long id, Model model, SegmentScope scope) {
		cases.requireVisible(id, scope);
		return caseView(id, model);
	}

	@PostMapping("/recovery/{id:\\d+}/status")
	String processMoveForm(@PathVariable long id, MoveForm form, BindingResult result, Principal principal,
			RedirectAttributes redirect, SegmentScope scope) {
		cases.requireVisible(id, scope);
		if (result.hasErrors() || form.getAction() == null) {
			redirect.addFlashAttribute("failure", "recovery.refused.unknownAction");
			return redirectToCase(id);
		}
		try {
			cases.apply(id, form.getVersion(), form.getAction(), form.getNote(), principal.getName());
			redirect.addFlashAttribute("success", "recovery.case.moved." + form.getAction());
		}
		catch (CaseRefusedException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
			redirect.addFlashAttribute("failureArgs", ex.messageArgs());
		}
		return redirectToCase(id);
	}

	@PostMapping("/recovery/{id:\\d+}/owner")
	String processOwnerForm(@PathVariable long id, @Valid @ModelAttribute("ownerForm") OwnerForm form,
			BindingResult result, Principal principal, Model model, RedirectAttributes redirect,
			HttpServletResponse response, SegmentScope scope) {
		cases.requireVisible(id, scope);
		return processCaseForm(id, result, model, redirect, response, "recovery.case.ownerChanged",
				() -> cases.assign(id, form.getVersion(), form.getOwner(), principal.getName()));
	}

	@PostMapping("/recovery/{id:\\d+}/notes")
	String processNoteForm(@PathVariable long id, @Valid @ModelAttribute("noteForm") NoteForm form,
			BindingResult result, Principal principal, Model model, RedirectAttributes redirect,
			HttpServletResponse response, SegmentScope scope) {
		cases.requireVisible(id, scope);
		return processCaseForm(id, result, model, redirect, response, "recovery.case.noteAdded",
				() -> cases.addNote(id, form.getVersion(), form.getText(), principal.getName()));
	}

	/**
	 * A form on the case page: when it is valid, {@code change} and back to the case with
	 * {@code success}; when it is not, or the case refuses the change, the case page
	 * again with the form's errors.
	 */
	private String processCaseForm(long id, BindingResult result, Model model, RedirectAttributes redirect,
			HttpServletResponse response, String success, Runnable change) {
		if (!result.hasErrors()) {
			try {
				change.run();
				redirect.addFlashAttribute("success", success);
				return redirectToCase(id);
			}
			catch (CaseRefusedException ex) {
				refused(ex, result, response);
			}
		}
		else {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
		}
		return caseView(id, model);
	}

	/**
	 * Shows the case as it is now. Forms already in the model (a refused save) keep what
	 * the user entered, with the current version, so that sending them again saves them
	 * on top of the other manager's change.
	 */
	private String caseView(long id, Model model) {
		CaseDetails details = cases.details(id);
		model.addAttribute("recoveryCase", details);
		model.addAttribute("actions", RecoveryAction.values());
		model.addAttribute("owners", ownerNames());
		NoteForm noteForm = (NoteForm) model.asMap().computeIfAbsent("noteForm", key -> new NoteForm());
		noteForm.setVersion(details.version());
		OwnerForm ownerForm = (OwnerForm) model.asMap().computeIfAbsent("ownerForm", key -> {
			OwnerForm fresh = new OwnerForm();
			fresh.setOwner(details.owner());
			return fresh;
		});
		ownerForm.setVersion(details.version());
		return CASE_VIEW;
	}

	private static void refused(CaseRefusedException ex, BindingResult result, HttpServletResponse response) {
		result.reject(ex.messageKey(), ex.messageArgs(), null);
		response.setStatus(ex instanceof CaseRefusedException.CaseChanged ? HttpStatus.CONFLICT.value()
				: HttpStatus.UNPROCESSABLE_CONTENT.value());
	}

	/**
	 * User name → display name of everyone who may own a case, for pickers and for
	 * showing owners.
	 */
	private Map<String, String> ownerNames() {
		Map<String, String> names = new LinkedHashMap<>();
		for (UserAccount manager : accounts.managers()) {
			names.put(manager.getUsername(), manager.getDisplayName());
		}
		return names;
	}

	private static String redirectToCase(long id) {
		return "redirect:/recovery/" + id;
	}

}
