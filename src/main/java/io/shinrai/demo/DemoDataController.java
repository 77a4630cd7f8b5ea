package io.shinrai.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Clock;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.shinrai.feedback.FeedbackStatistics;
import io.shinrai.system.BusinessTime;

/**
 * "Load demo data" on the empty dashboard (admins): a small demo set is generated to a
 * temporary file and handed to the {@link DemoDataLoader}. Only into a database without
 * feedback, so real data is never mixed with invented.
 */
@Controller
class DemoDataController {

	static final long SEED = 42;

	static final int CUSTOMERS = 300;

	static final int ENTRIES = 5_000;

	private static final Logger log = LoggerFactory.getLogger(DemoDataController.class);

	private final ObjectProvider<DemoDataLoader> loaders;

	private final FeedbackStatistics feedback;

	private final ZoneId zone;

	private final Clock clock;

	DemoDataController(ObjectProvider<DemoDataLoader> loaders, FeedbackStatistics feedback, BusinessTime businessTime,
			Clock clock) {
		this.clock = clock;
		this.loaders = loaders;
		this.feedback = feedback;
		this.zone = businessTime.zone();
	}

	@PostMapping("/admin/demo-data")
	String loadDemoData(Principal principal, RedirectAttributes redirect) {
		DemoDataLoader loader = loaders.getIfAvailable();
		return load(loader, loader != null && !feedback.any(), principal.getName(), redirect);
	}

	String load(DemoDataLoader loader, boolean databaseEmpty, String actor, RedirectAttributes redirect) {
		if (loader == null) {
			return failure("demo.notAvailable", redirect);
		}
		if (!databaseEmpty) {
			return failure("demo.notEmpty", redirect);
		}
		Path file = null;
		try {
			file = Files.createTempFile("shinrai-demo-", ".csv");
			new DemoDataGenerator(SEED, CUSTOMERS, ENTRIES, clock.instant(), zone).writeTo(file);
			loader.load(file, actor);
			redirect.addFlashAttribute("success", "demo.loaded");
			redirect.addFlashAttribute("successArgs", new Object[] { CUSTOMERS, ENTRIES });
			return "redirect:/";
		}
		catch (IOException | RuntimeException ex) {
			log.error("Loading demo data for {} failed", actor, ex);
			return failure("demo.failed", redirect);
		}
		finally {
			deleteQuietly(file);
		}
	}

	private static String failure(String key, RedirectAttributes redirect) {
		redirect.addFlashAttribute("failure", key);
		return "redirect:/";
	}

	private static void deleteQuietly(Path file) {
		if (file == null) {
			return;
		}
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not delete the temporary demo data file {}", file, ex);
		}
	}

}
