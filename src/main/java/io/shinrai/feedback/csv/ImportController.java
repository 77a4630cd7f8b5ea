package io.shinrai.feedback.csv;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.shinrai.system.BusinessTime;
import io.shinrai.system.CsvDownload;
import io.shinrai.system.NotFoundException;
import io.shinrai.system.FileSizes;
import io.shinrai.system.PageNav;
import io.shinrai.system.PageParameter;
import io.shinrai.system.SegmentScope;
import io.shinrai.system.StorableText;

/**
 * The import page: upload, template, history, and one page per import job with live
 * progress.
 */
@Controller
@RequestMapping("/import")
class ImportController {

	static final String IMPORT_PAGE = "import/index";

	static final String JOB_PAGE = "import/job";

	private static final int HISTORY_PAGE_SIZE = 20;

	private static final int REJECTIONS_PAGE_SIZE = 50;

	private final FeedbackImports imports;

	private final ImportJobs jobs;

	private final ReasonMessages reasons;

	private final ZoneId zone;

	private final BusinessTime businessTime;

	private final DataSize maxFileSize;

	private final FileSizes fileSizes;

	ImportController(FeedbackImports imports, ImportJobs jobs, ReasonMessages reasons, BusinessTime businessTime,
			FileSizes fileSizes, @Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize maxFileSize) {
		this.fileSizes = fileSizes;
		this.imports = imports;
		this.jobs = jobs;
		this.reasons = reasons;
		this.zone = businessTime.zone();
		this.businessTime = businessTime;
		this.maxFileSize = maxFileSize;
	}

	@GetMapping
	String showImportPage(@RequestParam(name = "page", required = false) String page,
			@RequestParam(name = "tooLarge", required = false) String tooLarge, Model model, Locale locale,
			HttpServletResponse response) {
		if (tooLarge != null) {
			// sent here by UploadLimitFilter
			model.addAttribute("failure", "import.refused.tooLarge");
			model.addAttribute("failureArgs", new Object[] { fileSizes.format(maxFileSize.toBytes(), locale) });
		}
		long total = imports.count();
		int pages = (int) Math.max(1, (total + HISTORY_PAGE_SIZE - 1) / HISTORY_PAGE_SIZE);
		int current = pageNumber(page, pages, model, response);
		model.addAttribute("history", imports.history(current, HISTORY_PAGE_SIZE));
		model.addAttribute("pages", PageNav.of(current + 1, pages, n -> "/import?page=" + (n - 1)));
		model.addAttribute("columns", String.join(",", CsvColumn.headers()));
		model.addAttribute("maxFileSize", fileSizes.format(maxFileSize.toBytes(), locale));
		model.addAttribute("zone", zone);
		return IMPORT_PAGE;
	}

	@PostMapping
	String processUpload(@RequestParam(name = "file", required = false) MultipartFile file, Principal principal,
			RedirectAttributes redirect, SegmentScope scope) throws IOException {
		if (!scope.isAll()) {
			// a file names customers of any segment: imports are for users who see the
			// whole company
			redirect.addFlashAttribute("failure", "access.scope.importRefused");
			return "redirect:/import";
		}
		if (file == null
				|| (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()))) {
			redirect.addFlashAttribute("failure", "import.upload.noFile");
			return "redirect:/import";
		}
		if (!StorableText.isStorable(file.getOriginalFilename())) {
			redirect.addFlashAttribute("failure", "import.upload.badFileName");
			return "redirect:/import";
		}
		try (InputStream content = file.getInputStream()) {
			long id = imports.start(content, file.getOriginalFilename(), principal.getName());
			return "redirect:/import/" + id;
		}
		catch (ImportRefused ex) {
			redirect.addFlashAttribute("failure", ex.key());
			redirect.addFlashAttribute("failureArgs", ex.args());
			return "redirect:/import";
		}
	}

	@GetMapping("/template.csv")
	void downloadTemplate(HttpServletResponse response) throws IOException {
		try (CsvDownload csv = CsvDownload.start(response, "shinrai-import-template", businessTime.today(),
				CsvColumn.headers())) {
			csv.row("CRM-2026-0001", "C-1001", "Acme Corporation", "Enterprise", "2026-05-01T09:30:00+09:00", "EMAIL",
					"DELIVERY", 4, 2, 3, "", "", 6, 3, 4, "BROKEN_PROMISE",
					"Delivery was two days late, but support kept us informed.");
			csv.row("", "C-1002", "株式会社さくら商事", "中小企業", "2026/05/02 14:05", "PHONE", "SERVICE", 5, 5, 4, 5, "", 9, 5, 6,
					"", "丁寧に対応していただき、安心しました。");
		}
	}

	/**
	 * An import's rows may be of any segment: only users who see the whole company see a
	 * job.
	 */
	private FeedbackImport job(long id, SegmentScope scope) {
		if (!scope.isAll()) {
			throw new NotFoundException("import " + id);
		}
		return imports.get(id);
	}

	@GetMapping("/{id:\\d+}")
	String showJob(@PathVariable long id, @RequestParam(name = "page", required = false) String page, Locale locale,
			Model model, HttpServletResponse response, SegmentScope scope) {
		FeedbackImport job = job(id, scope);
		int pages = (int) Math.max(1, (job.rejectedStored() + REJECTIONS_PAGE_SIZE - 1) / REJECTIONS_PAGE_SIZE);
		int current = pageNumber(page, pages, model, response);
		List<RejectionView> rejections = new ArrayList<>();
		for (Rejection rejection : jobs.rejections(id, current * REJECTIONS_PAGE_SIZE, REJECTIONS_PAGE_SIZE)) {
			rejections.add(new RejectionView(rejection.line(), reasons.of(rejection, locale), rejection.cells()));
		}
		model.addAttribute("job", job);
		model.addAttribute("rejections", rejections);
		model.addAttribute("reasonCounts", reasons.counted(jobs.rejectedRowsByReason(id), locale));
		model.addAttribute("pages", PageNav.of(current + 1, pages, n -> "/import/" + id + "?page=" + (n - 1)));
		model.addAttribute("zone", zone);
		return JOB_PAGE;
	}

	@GetMapping(path = "/{id:\\d+}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Progress progress(@PathVariable long id, SegmentScope scope) {
		return Progress.of(job(id, scope));
	}

	@GetMapping("/{id:\\d+}/rejected.csv")
	void downloadRejected(@PathVariable long id, Locale locale, HttpServletResponse response, SegmentScope scope)
			throws IOException {
		FeedbackImport job = job(id, scope);
		List<String> header = new ArrayList<>(List.of(CsvHeader.LINE, CsvHeader.REASON));
		header.addAll(jobs.header(id));
		try (CsvDownload csv = CsvDownload.start(response, "shinrai-import-" + id + "-rejected", businessTime.today(),
				header)) {
			jobs.forEachRejection(id, rejection -> {
				List<Object> cells = new ArrayList<>(rejection.cells().size() + 2);
				cells.add(rejection.line());
				cells.add(String.join(" / ", reasons.of(rejection, locale)));
				cells.addAll(rejection.cells());
				csv.row(cells);
			});
			if (job.rejectedNotStored() > 0) {
				// a last row without data, which the import skips: says that the file is
				// not all that was rejected
				csv.row(null, reasons.message("import.rejections.notStored", locale, job.rejectedStored(),
						job.rejectedNotStored()));
			}
		}
	}

	/**
	 * The page to show, counting from 0 as the parameter does: a number out of range
	 * shows the nearest page; anything else is refused (400) on the first page.
	 */
	private static int pageNumber(String page, int pages, Model model, HttpServletResponse response) {
		if (!PageParameter.isValid(page)) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("failure", PageParameter.INVALID);
			model.addAttribute("failureArgs", new Object[] { page });
		}
		return PageParameter.clamp(PageParameter.requested(page, 0), 0, pages);
	}

	record RejectionView(long line, List<String> reasons, List<String> cells) {
	}

	/** What the job page's script polls. */
	record Progress(String status, boolean finished, long totalRows, long rowsDone, double percent, long imported,
			long skipped, long rejected) {

		static Progress of(FeedbackImport job) {
			return new Progress(job.status().name(), job.finished(), job.totalRows(), job.rowsDone(), job.percent(),
					job.imported(), job.skipped(), job.rejected());
		}

	}

}
